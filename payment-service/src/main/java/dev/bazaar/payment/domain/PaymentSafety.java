package dev.bazaar.payment.domain;

import dev.bazaar.kit.safety.Findings;
import dev.bazaar.kit.safety.ProductionRules;
import dev.bazaar.kit.safety.ProductionSafety;
import dev.bazaar.kit.safety.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * payment-service's own production rules (ADR 0011), run with the platform kit's before the service starts in the prod
 * profile — pure: they read only the settings.
 * <ul>
 * <li>The <b>sandbox provider</b> moves no money (it accepts {@code pm_card_visa}): refused, unless a staging install
 * opts in with {@code bazaar.payments.allow-sandbox-in-production=true} ({@code BAZAAR_ALLOW_SANDBOX_PAYMENTS=true}),
 * which is then logged as a warning at every start. The same goes for a Stripe <b>test-mode key</b>.</li>
 * <li><b>Stripe</b> needs its secret key and both webhook signing secrets.</li>
 * <li>The <b>service clock</b> may not be adjustable (it would let an admin end holding periods early); the staging
 * opt-in allows it, with a warning.</li>
 * <li>The <b>seller portal's public URL</b> ({@code bazaar.portal.public-url}, {@code PORTAL_PUBLIC_URL}), where
 * Stripe's onboarding sends sellers back to, must be an absolute https URL of another host than this one.</li>
 * </ul>
 */
public final class PaymentSafety implements ProductionRules {

    public static final String PROVIDER = "bazaar.payments.provider";
    public static final String ALLOW_SANDBOX = "bazaar.payments.allow-sandbox-in-production";
    public static final String ALLOW_SANDBOX_ENV = "BAZAAR_ALLOW_SANDBOX_PAYMENTS";
    public static final String STRIPE_KEY = "bazaar.stripe.api-key";
    public static final String CLOCK = "bazaar.clock.adjustable";
    public static final String PORTAL_URL = "bazaar.portal.public-url";

    private static final String STAGING_ONLY = "; for a staging install only, " + ALLOW_SANDBOX_ENV + "=true";

    @Override
    public void check(Settings settings, Findings findings) {
        boolean staging = settings.isTrue(ALLOW_SANDBOX, ALLOW_SANDBOX_ENV);
        provider(settings, staging, findings);
        clock(settings, staging, findings);
        portalUrlProblem(settings.get(PORTAL_URL))
                .ifPresent(
                        problem -> findings.refuse(
                                PORTAL_URL,
                                problem + " (Stripe's onboarding sends sellers back to <public-url>/payouts)",
                                "set PORTAL_PUBLIC_URL to the seller portal's public https address, e.g. https://sellers.example.com"));
    }

    static void provider(Settings settings, boolean staging, Findings findings) {
        String provider = settings.get(PROVIDER).orElse("sandbox");
        switch (provider) {
            case "sandbox" -> {
                if (staging) {
                    findings.warn(PROVIDER + "=sandbox in the prod profile (" + ALLOW_SANDBOX_ENV + "=true): payments "
                            + "are SIMULATED and no money moves; pm_card_visa is accepted. For a staging install only");
                } else {
                    findings.refuse(
                            PROVIDER,
                            "is sandbox: payments are simulated, pm_card_visa is accepted and no " + "money moves",
                            "set BAZAAR_PAYMENTS_PROVIDER=stripe with STRIPE_API_KEY, "
                                    + "STRIPE_WEBHOOK_SECRET and STRIPE_CONNECT_WEBHOOK_SECRET" + STAGING_ONLY);
                }
            }
            case "stripe" -> {
                Optional<String> key = settings.get(STRIPE_KEY);
                if (key.isEmpty()) {
                    findings.refuse(
                            STRIPE_KEY,
                            "is not set: the Stripe provider would refuse every payment",
                            "set STRIPE_API_KEY to the platform's live secret key (sk_live_...)");
                } else if (isTestModeKey(key.get())) {
                    if (staging) {
                        findings.warn(STRIPE_KEY + " is a Stripe test-mode key in the prod profile ("
                                + ALLOW_SANDBOX_ENV + "=true): no money moves. For a staging install only");
                    } else {
                        findings.refuse(
                                STRIPE_KEY,
                                "is a Stripe test-mode key (not shown): no money moves",
                                "set STRIPE_API_KEY to a live key (sk_live_... or rk_live_...)" + STAGING_ONLY);
                    }
                }
                webhookSecret(settings, "bazaar.webhooks.stripe-secret", "STRIPE_WEBHOOK_SECRET", findings);
                webhookSecret(
                        settings, "bazaar.webhooks.stripe-connect-secret", "STRIPE_CONNECT_WEBHOOK_SECRET", findings);
            }
            default ->
                findings.refuse(
                        PROVIDER, "is '" + provider + "', which is no provider", "set BAZAAR_PAYMENTS_PROVIDER=stripe");
        }
    }

    private static void webhookSecret(Settings settings, String name, String env, Findings findings) {
        if (settings.get(name).isEmpty()) {
            findings.refuse(
                    name,
                    "is not set: every Stripe event (captures, disputes, verified payout accounts) would "
                            + "be refused",
                    "set " + env + " to the endpoint's signing secret (whsec_...)");
        }
    }

    static void clock(Settings settings, boolean staging, Findings findings) {
        if (!settings.isTrue(CLOCK)) {
            return;
        }
        if (staging) {
            findings.warn(CLOCK + "=true in the prod profile (" + ALLOW_SANDBOX_ENV + "=true): admins can move the "
                    + "service clock forward and end holding periods early. For a staging install only");
        } else {
            findings.refuse(
                    CLOCK,
                    "is true: an admin could move the clock forward and release sellers' funds before "
                            + "their holding period ends",
                    "remove it (production keeps the system clock)" + STAGING_ONLY);
        }
    }

    static boolean isTestModeKey(String key) {
        return key.startsWith("sk_test_") || key.startsWith("rk_test_");
    }

    /** What is wrong with the portal's public URL for production, if anything. */
    public static Optional<String> portalUrlProblem(Optional<String> url) {
        if (url.isEmpty()) {
            return Optional.of("is not set");
        }
        URI uri;
        try {
            uri = new URI(url.get());
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL (" + url.get() + ")");
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            return Optional.of("is not an absolute URL (" + url.get() + ")");
        }
        List<String> problems = new ArrayList<>();
        if (ProductionSafety.isLoopback(uri.getHost())) {
            problems.add("points at this host, the development portal");
        }
        if (!"https".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
            problems.add("is not https");
        }
        return problems.isEmpty()
                ? Optional.empty()
                : Optional.of(String.join(" and ", problems) + " (" + url.get() + ")");
    }
}
