package dev.bazaar.checkout.persistence;

import dev.bazaar.checkout.domain.CheckoutStatus;
import dev.bazaar.checkout.domain.quote.Quoting;
import dev.bazaar.checkout.domain.saga.CheckoutSaga;
import java.time.Instant;
import java.util.UUID;

/**
 * A checkout session as the saga sees it: its state and version, the ids it allocated at confirm, and what the
 * commands are built from (the frozen quote, the buyer, the address id and its country, the payment method).
 */
public record SagaRecord(
        UUID id,
        String buyerSubject,
        CheckoutSaga.State state,
        long version,
        UUID orderId,
        UUID paymentId,
        UUID reservationId,
        String paymentMethod,
        Quoting.Quote quote,
        UUID shippingAddressId,
        String shippingCountry,
        Instant createdAt,
        Instant confirmedAt,
        Instant stepStartedAt,
        Instant finishedAt) {

    public CheckoutStatus status() {
        return state.status();
    }
}
