package dev.bazaar.contracts.messaging;

/**
 * A payload carried on a Kafka topic: a record permitted by exactly one topic's sealed interface (see {@link Topic}).
 * {@link #key()} is its Kafka key and its envelope's {@code aggregateId}: the saga id for commands and replies (the
 * saga is the aggregate of that conversation, so one saga's messages stay in order), the aggregate's id for events
 * (order id, product id, shop id... so one aggregate's events stay in order). Each topic's interface says which.
 *
 * <p>Personal data (names, addresses, e-mails) is never in a message: messages reference it by id (an address id),
 * since events are immutable and personal data must stay erasable.
 */
public interface Message {

    /** The Kafka key and envelope aggregateId; never null for a valid message. */
    String key();

    /** The message's type name in the envelope: its simple class name (unique within its topic). */
    default String type() {
        return getClass().getSimpleName();
    }
}
