package dev.bazaar.payment.config;

import io.smallrye.config.ConfigMapping;

/**
 * {@code bazaar.portal.*}: where the seller portal is, seen from a seller's browser — the one setting the links that
 * send sellers back to the portal are made from ({@code PORTAL_PUBLIC_URL} in production: an absolute https URL of
 * another host, checked before start, ADR 0011; {@code http://localhost:8086} in dev and test).
 */
@ConfigMapping(prefix = "bazaar.portal")
public interface PortalLinks {

    /** The portal's public base URL, e.g. {@code https://sellers.example.com}. */
    String publicUrl();

    /** The portal's payouts page: where Stripe's onboarding returns a seller, and sends one whose link expired. */
    default String payoutsPage() {
        String base = publicUrl().trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/payouts";
    }
}
