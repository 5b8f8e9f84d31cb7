package dev.bazaar.contracts.messaging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the payload field whose value is the message's {@link Message#key()} (and its envelope's aggregateId): on a
 * topic's interface for all its messages, or on one message type where they differ (payment.events). Read by the
 * catalogue and checked against {@code key()} by the tests.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface KeyField {
    String value();
}
