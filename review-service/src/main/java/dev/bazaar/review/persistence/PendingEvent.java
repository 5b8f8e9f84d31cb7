package dev.bazaar.review.persistence;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.MessageCodec;

/**
 * An event still to publish, stored inside the document it describes (a review or a rating) by the same single-document
 * write that made the change, so the change and its event are written together or not at all (ADR 0020). The relay
 * publishes it and then takes it out of the document.
 */
public class PendingEvent {

    public String messageId;
    public String topic;
    public String key;
    public String type;
    /** The whole envelope, as it goes to Kafka. */
    public String json;

    public static PendingEvent of(Envelope<?> envelope) {
        PendingEvent e = new PendingEvent();
        e.messageId = envelope.id().toString();
        e.topic = envelope.topic().topicName();
        e.key = envelope.key();
        e.type = envelope.type();
        e.json = MessageCodec.encodeToString(envelope);
        return e;
    }
}
