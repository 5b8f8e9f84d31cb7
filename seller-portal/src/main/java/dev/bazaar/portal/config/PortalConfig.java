package dev.bazaar.portal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/**
 * {@code bazaar.portal.*}: where the services the portal calls are, and how long the admin console waits for them.
 * The URLs have no default: every profile names them (application.properties; in production CATALOG_URL, ORDER_URL,
 * … and PortalSafety refuses this host), and a missing one stops the start instead of calling a guessed address. The
 * typed REST clients ({@code client/}) read the same URLs through {@code quarkus.rest-client.<name>.url}.
 */
@ConfigMapping(prefix = "bazaar.portal")
public interface PortalConfig {

    URI catalogUrl();

    URI orderUrl();

    URI paymentUrl();

    URI notificationUrl();

    URI reviewUrl();

    /** Checkout: only its admin audit log and dead letters, for the console. */
    URI checkoutUrl();

    /** Cart: only its admin audit log and dead letters, for the console. */
    URI cartUrl();

    AdminCalls adminCalls();

    /**
     * The console's clients of the API every service shares (audit log, dead letters), one per service, built by hand
     * ({@code AdminServices}) rather than as CDI beans — so Fault Tolerance's {@code @Timeout}, which the typed clients
     * use, does not apply to them, and their limits are these. A service slower than this is named on the page as not
     * answering, and the others are still shown.
     */
    interface AdminCalls {

        /** How long to wait for a connection to a service. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** How long to wait for an answer once connected (a replay of a long queue goes on after the page gives up). */
        @WithDefault("5s")
        Duration readTimeout();
    }
}
