package dev.bazaar.kit.consumer;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.MessageCodec.Decoded;
import dev.bazaar.contracts.messaging.Topic;

/**
 * Reading a consumed record: the envelope, or {@link UnreadableMessage} — which a channel configured with
 * {@code failure-strategy=dead-letter-queue} sends to the topic's DLQ with the reason, never retrying it.
 */
public final class Inbound {

    private Inbound() {}

    /** A record no code of ours can read: dead-lettered, never retried. */
    public static class UnreadableMessage extends RuntimeException {
        public UnreadableMessage(String reason) {
            super(reason);
        }
    }

    public static Envelope<?> decode(Topic topic, String json) {
        Decoded decoded = MessageCodec.decode(topic, json);
        if (decoded instanceof Decoded.DeadLetter dead) {
            throw new UnreadableMessage(dead.reason());
        }
        return ((Decoded.Ok) decoded).envelope();
    }
}
