package dev.bazaar.portal.safety;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The portal's production rules (ADR 0011) — the platform kit's, for the portal's own settings (the portal does not
 * depend on the kit, whose beans would change its pages and sign-in): no development secret in its OIDC client secret
 * or session-cookie key; no identity provider on this host; no service URL on this host unless a single-host install
 * says {@code BAZAAR_ALLOW_LOCALHOST_INFRASTRUCTURE=true} (then warned at start). Pure: a function of the settings.
 */
public final class PortalSafety {

    public static final String ALLOW_LOCALHOST = "bazaar.safety.allow-localhost-infrastructure";
    public static final String ALLOW_LOCALHOST_ENV = "BAZAAR_ALLOW_LOCALHOST_INFRASTRUCTURE";

    /** The repository's dev secrets (as in the kit's ProductionSafety) and the usual placeholders. */
    static final Set<String> DEV_SECRETS = Set.of(
            "bazaar",
            "admin",
            "bazaar-services-secret",
            "seller-portal-secret",
            "dev-only-seller-portal-cookie-secret-32chars",
            "whsec_dev_platform_secret",
            "whsec_dev_connect_secret",
            "whsec_test_platform_secret",
            "whsec_test_connect_secret",
            "password",
            "secret",
            "changeme",
            "change-me");

    static final Map<String, String> SECRETS = Map.of(
            "quarkus.oidc.credentials.secret",
            "PORTAL_CLIENT_SECRET",
            "quarkus.oidc.token-state-manager.encryption-secret",
            "PORTAL_TOKEN_ENCRYPTION_SECRET");
    static final Map<String, String> SERVICES = Map.of(
            "bazaar.portal.catalog-url",
            "CATALOG_URL",
            "bazaar.portal.order-url",
            "ORDER_URL",
            "bazaar.portal.payment-url",
            "PAYMENT_URL",
            "bazaar.portal.notification-url",
            "NOTIFICATION_URL",
            "bazaar.portal.review-url",
            "REVIEW_URL",
            "bazaar.portal.checkout-url",
            "CHECKOUT_URL",
            "bazaar.portal.cart-url",
            "CART_URL");

    public record Refusal(String setting, String problem, String fix) {}

    public record Verdict(List<Refusal> refusals, List<String> warnings) {

        public boolean refused() {
            return !refusals.isEmpty();
        }

        public String message(String service) {
            long settings = refusals.stream().map(Refusal::setting).distinct().count();
            List<String> lines = new ArrayList<>();
            lines.add(service + " refuses to start in the prod profile: " + settings
                    + (settings == 1 ? " setting is" : " settings are")
                    + " unsafe for production (development values, or this host). Nothing has "
                    + "been connected to yet.");
            refusals.forEach(r -> lines.add("  - " + r.setting() + " " + r.problem() + ". Set " + r.fix() + "."));
            lines.add("Every check and opt-out: docs/adr/0011-production-refuses-unsafe-settings.md");
            return String.join("\n", lines);
        }
    }

    /** The verdict for these settings (values in effect, empty when not set). */
    public static Verdict check(Function<String, Optional<String>> settings) {
        Set<Refusal> refusals = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();
        SECRETS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (settings.apply(e.getKey()).filter(PortalSafety::isDevSecret).isPresent()) {
                refusals.add(new Refusal(
                        e.getKey(),
                        "is a development secret (a value from the repository's dev " + "configuration; not shown)",
                        e.getValue() + " to the real secret"));
            }
        });
        settings.apply("quarkus.oidc.auth-server-url")
                .map(PortalSafety::host)
                .filter(PortalSafety::isLoopback)
                .ifPresent(h -> refusals.add(new Refusal(
                        "quarkus.oidc.auth-server-url",
                        "points at an identity " + "provider on this host (" + h + "), the development realm",
                        "OIDC_AUTH_SERVER_URL to the "
                                + "production realm, e.g. https://sso.example.com/realms/bazaar")));
        boolean singleHost = isTrue(settings, ALLOW_LOCALHOST) || isTrue(settings, ALLOW_LOCALHOST_ENV);
        List<String> local = new ArrayList<>();
        SERVICES.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> settings.apply(e.getKey())
                        .map(PortalSafety::host)
                        .filter(PortalSafety::isLoopback)
                        .ifPresent(h -> {
                            local.add(e.getKey());
                            if (!singleHost) {
                                refusals.add(new Refusal(
                                        e.getKey(),
                                        "points at this host (" + h + "), the development " + "address",
                                        e.getValue() + " to the service's address, or " + ALLOW_LOCALHOST_ENV
                                                + "=true on a single-host install"));
                            }
                        }));
        if (singleHost && !local.isEmpty()) {
            warnings.add(ALLOW_LOCALHOST_ENV + "=true (a single-host install): " + String.join(", ", local)
                    + " point at this host");
        }
        return new Verdict(List.copyOf(refusals), warnings);
    }

    static boolean isDevSecret(String value) {
        return DEV_SECRETS.stream().anyMatch(value.trim()::equalsIgnoreCase);
    }

    private static boolean isTrue(Function<String, Optional<String>> settings, String name) {
        return settings.apply(name).map(v -> v.equalsIgnoreCase("true")).orElse(false);
    }

    /** The host of a URL ({@code scheme://[user@]host[:port][/…]}). */
    static String host(String url) {
        String s = url.trim();
        int scheme = s.indexOf("://");
        s = scheme >= 0 ? s.substring(scheme + 3) : s;
        for (char end : new char[] {'/', '?', '#'}) {
            int i = s.indexOf(end);
            s = i >= 0 ? s.substring(0, i) : s;
        }
        s = s.substring(s.lastIndexOf('@') + 1);
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            return close > 0 ? s.substring(1, close) : s.substring(1);
        }
        int colon = s.indexOf(':');
        return (colon >= 0 && colon == s.lastIndexOf(':') ? s.substring(0, colon) : s).toLowerCase(Locale.ROOT);
    }

    /** localhost (and *.localhost), 127.0.0.0/8, ::1 and the unspecified addresses. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost")
                || h.endsWith(".localhost")
                || h.matches("127(?:\\.\\d{1,3}){3}")
                || h.equals("0.0.0.0")
                || h.equals("::1")
                || h.equals("::")
                || h.matches("(?:0{1,4}:){7}0{0,3}1");
    }
}
