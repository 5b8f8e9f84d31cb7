package dev.bazaar.payment.domain;

import dev.bazaar.contracts.money.Money;
import java.time.Instant;
import java.util.UUID;

/** A payout as sellers and admins see it; UNKNOWN: the transfer's outcome is not known yet (it is resumed). */
public record PayoutView(
        UUID id,
        UUID shopId,
        Money amount,
        Money debtSettled,
        String status,
        String failureReason,
        Instant createdAt) {}
