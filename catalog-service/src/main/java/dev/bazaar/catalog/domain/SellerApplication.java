package dev.bazaar.catalog.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A buyer's application to sell on the marketplace: what they told us about the shop they mean to open, and the
 * admins' decision. Approval is what grants the {@code seller} role; the shop itself is opened afterwards by the new
 * seller through the ordinary shop endpoints (and reviewed again there).
 *
 * @param applicant   the applicant's Keycloak subject (tenancy: a buyer sees only their own)
 * @param applicantName the applicant's user name as their token gave it, for the admins' queue
 * @param reason      why it was rejected (only for {@link Status#REJECTED})
 * @param decidedBy   the deciding admin's subject
 */
public record SellerApplication(
        UUID id,
        String applicant,
        String applicantName,
        String shopName,
        String country,
        String contactEmail,
        String contactPhone,
        String message,
        Status status,
        String reason,
        String decidedBy,
        Instant decidedAt,
        Instant createdAt) {

    /** PENDING until an admin decides; a rejected applicant may apply again, an approved one is a seller. */
    public enum Status {
        PENDING,
        APPROVED,
        REJECTED
    }
}
