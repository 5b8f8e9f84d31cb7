package dev.bazaar.payment.domain;

import dev.bazaar.contracts.money.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * A refund as the API shows it. PENDING: reserved, the provider's answer not known yet (tried again); FAILED: refused,
 * in the admins' queue.
 */
public record RefundView(
        UUID id,
        UUID paymentId,
        UUID orderId,
        UUID shopId,
        Money amount,
        String status,
        String source,
        String reason,
        String failureReason,
        int attempts,
        String lastError,
        Instant createdAt) {}
