package dev.bazaar.contracts.messaging;

/**
 * A payload carried on a Kafka topic. {@link #key()} is its Kafka key: the saga id for commands and replies (so one
 * saga's messages stay in order), the aggregate id for events (so one aggregate's events stay in order).
 */
public interface Message {

    String key();

    /** The message's type name in the envelope: its simple class name (unique within its topic). */
    default String type() {
        return getClass().getSimpleName();
    }
}
