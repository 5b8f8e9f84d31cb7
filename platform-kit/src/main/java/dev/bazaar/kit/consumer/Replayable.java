package dev.bazaar.kit.consumer;

import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.function.Function;

/**
 * A consumer whose handlers a dead-letter replay runs ({@link DeadLetters#replay}): per topic it consumes, the very
 * method its {@code @Incoming} channel runs, as a method reference —
 * {@code Map.of(Topic.PAYMENT_COMMANDS.topicName(), this::command, Topic.ORDER_EVENTS.topicName(), this::order)}.
 * A replayed letter then goes through exactly the code a live record does, in this service's process, without being
 * written back to Kafka. Every class with {@code @Incoming} methods implements it for each topic it consumes; the
 * kit collects them all (CDI), and a letter of a topic no consumer names stops the replay (nothing is lost).
 */
public interface Replayable {

    /** Topic name → the handler of one record's value (the JSON the {@code @Incoming} method takes). */
    Map<String, Function<String, Uni<Void>>> replayHandlers();
}
