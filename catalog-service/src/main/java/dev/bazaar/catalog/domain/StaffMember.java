package dev.bazaar.catalog.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A user the shop's owner invited as staff. {@code role} is what they may do; today only {@code FULFILMENT} exists
 * (fulfil the shop's orders; never payouts or catalogue edits). {@code grantedSeller} is whether the invitation gave
 * them the {@code seller} realm role, so removing them takes back only what the invitation gave.
 */
public record StaffMember(
        UUID shopId,
        String subject,
        String username,
        String role,
        boolean grantedSeller,
        String invitedBy,
        Instant invitedAt) {

    /** The only staff role: fulfil the shop's orders. */
    public static final String FULFILMENT = "FULFILMENT";
}
