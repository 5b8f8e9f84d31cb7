package dev.bazaar.portal.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The portal's production rules: each refuses the dev value and accepts a real one. */
class PortalSafetyTest {

    static Map<String, String> production() {
        Map<String, String> s = new HashMap<>();
        s.put("quarkus.oidc.auth-server-url", "https://sso.example.com/realms/bazaar");
        s.put("quarkus.oidc.credentials.secret", "kc-generated-portal-secret");
        s.put("quarkus.oidc.token-state-manager.encryption-secret", "a-real-32-character-cookie-secret!!");
        s.put("bazaar.portal.catalog-url", "http://bazaar-catalog:8081");
        s.put("bazaar.portal.order-url", "http://bazaar-order:8084");
        s.put("bazaar.portal.payment-url", "http://bazaar-payment:8085");
        s.put("bazaar.portal.notification-url", "http://bazaar-notification:8088");
        s.put("bazaar.portal.review-url", "http://bazaar-review:8087");
        s.put("bazaar.portal.checkout-url", "http://bazaar-checkout:8083");
        s.put("bazaar.portal.cart-url", "http://bazaar-cart:8082");
        return s;
    }

    static PortalSafety.Verdict with(String... nameValues) {
        Map<String, String> s = production();
        for (int i = 0; i < nameValues.length; i += 2) {
            s.put(nameValues[i], nameValues[i + 1]);
        }
        return PortalSafety.check(name -> Optional.ofNullable(s.get(name)));
    }

    static List<String> refused(PortalSafety.Verdict verdict) {
        return verdict.refusals().stream().map(PortalSafety.Refusal::setting).toList();
    }

    @Test
    void realSettingsPass() {
        PortalSafety.Verdict verdict = with();
        assertThat(verdict.refusals()).isEmpty();
        assertThat(verdict.warnings()).isEmpty();
    }

    @Test
    void theDevClientSecretAndCookieSecretAreRefusedWithoutShowingThem() {
        PortalSafety.Verdict verdict = with(
                "quarkus.oidc.credentials.secret",
                "seller-portal-secret",
                "quarkus.oidc.token-state-manager.encryption-secret",
                "dev-only-seller-portal-cookie-secret-32chars");
        assertThat(refused(verdict))
                .containsExactly(
                        "quarkus.oidc.credentials.secret", "quarkus.oidc.token-state-manager.encryption-secret");
        assertThat(verdict.message("seller-portal"))
                .contains("2 settings are unsafe", "Set PORTAL_CLIENT_SECRET", "Set PORTAL_TOKEN_ENCRYPTION_SECRET")
                .doesNotContain("seller-portal-secret", "dev-only-seller-portal-cookie-secret-32chars");
    }

    @Test
    void theDevRealmOnThisHostIsRefusedEvenOnASingleHostInstall() {
        for (String url : List.of(
                "http://localhost:8180/realms/bazaar",
                "http://127.0.0.1:18180/realms/bazaar",
                "http://[::1]:8180/realms/bazaar")) {
            assertThat(refused(with("quarkus.oidc.auth-server-url", url, PortalSafety.ALLOW_LOCALHOST_ENV, "true")))
                    .as(url)
                    .containsExactly("quarkus.oidc.auth-server-url");
        }
    }

    @Test
    void servicesOnThisHostAreRefusedUnlessASingleHostInstallSaysSo() {
        PortalSafety.Verdict verdict = with(
                "bazaar.portal.catalog-url",
                "http://localhost:8081",
                "bazaar.portal.payment-url",
                "http://127.0.0.1:8085",
                "bazaar.portal.review-url",
                "http://localhost:8087");
        assertThat(refused(verdict))
                .containsExactly("bazaar.portal.catalog-url", "bazaar.portal.payment-url", "bazaar.portal.review-url");
        assertThat(verdict.message("seller-portal"))
                .contains(
                        "Set CATALOG_URL",
                        "Set PAYMENT_URL",
                        "Set REVIEW_URL",
                        "BAZAAR_ALLOW_LOCALHOST_INFRASTRUCTURE=true");
        for (String optOut : List.of(PortalSafety.ALLOW_LOCALHOST, PortalSafety.ALLOW_LOCALHOST_ENV)) {
            PortalSafety.Verdict singleHost = with("bazaar.portal.order-url", "http://localhost:8084", optOut, "true");
            assertThat(singleHost.refusals()).as(optOut).isEmpty();
            assertThat(singleHost.warnings())
                    .as(optOut)
                    .singleElement()
                    .asString()
                    .contains("bazaar.portal.order-url");
        }
    }

    @Test
    void hostsAndLoopback() {
        assertThat(PortalSafety.host("http://User@Catalog.Internal:8081/api")).isEqualTo("catalog.internal");
        assertThat(PortalSafety.host("http://[::1]:8081")).isEqualTo("::1");
        assertThat(PortalSafety.isLoopback("127.0.0.2")).isTrue();
        assertThat(PortalSafety.isLoopback("api.localhost")).isTrue();
        assertThat(PortalSafety.isLoopback("bazaar-catalog")).isFalse();
    }
}
