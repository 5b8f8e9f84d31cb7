package dev.bazaar.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.kit.safety.Findings;
import dev.bazaar.kit.safety.Settings;
import dev.bazaar.payment.config.PortalLinks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** payment-service's production rules: each refuses the unsafe value and accepts a real one. */
class PaymentSafetyTest {

    static Map<String, String> production() {
        Map<String, String> s = new HashMap<>();
        s.put("bazaar.payments.provider", "stripe");
        s.put("bazaar.stripe.api-key", "sk_live_51Qbazaar");
        s.put("bazaar.webhooks.stripe-secret", "whsec_live_platform");
        s.put("bazaar.webhooks.stripe-connect-secret", "whsec_live_connect");
        s.put("bazaar.clock.adjustable", "false");
        s.put("bazaar.portal.public-url", "https://sellers.example.com");
        return s;
    }

    static Findings check(Map<String, String> settings) {
        Findings findings = new Findings();
        new PaymentSafety().check(Settings.of(settings), findings);
        return findings;
    }

    static Findings with(String... nameValues) {
        Map<String, String> s = production();
        for (int i = 0; i < nameValues.length; i += 2) {
            if (nameValues[i + 1] == null) {
                s.remove(nameValues[i]);
            } else {
                s.put(nameValues[i], nameValues[i + 1]);
            }
        }
        return check(s);
    }

    static List<String> refused(Findings findings) {
        return findings.refusals().stream().map(Findings.Refusal::setting).toList();
    }

    @Test
    void liveStripeWithItsSecretsAndAPublicHttpsPortalPass() {
        Findings findings = check(production());
        assertThat(findings.refusals()).isEmpty();
        assertThat(findings.warnings()).isEmpty();
        assertThat(with(
                                "bazaar.stripe.api-key",
                                "rk_live_restricted",
                                "bazaar.portal.public-url",
                                "https://example.com/sellers/")
                        .refusals())
                .isEmpty();
    }

    @Test
    void theSandboxIsRefusedWhetherSetOrByDefault() {
        for (String provider : new String[] {"sandbox", null}) {
            Findings findings = with("bazaar.payments.provider", provider);
            assertThat(refused(findings)).as(provider).containsExactly("bazaar.payments.provider");
            assertThat(findings.refusals().getFirst().line())
                    .contains(
                            "no money moves", "BAZAAR_PAYMENTS_PROVIDER=stripe", "BAZAAR_ALLOW_SANDBOX_PAYMENTS=true");
        }
    }

    @Test
    void aStagingInstallMayOptIntoTheSandboxWithAWarning() {
        for (String optIn : List.of(PaymentSafety.ALLOW_SANDBOX, PaymentSafety.ALLOW_SANDBOX_ENV)) {
            Findings findings = with("bazaar.payments.provider", "sandbox", optIn, "true");
            assertThat(findings.refusals()).as(optIn).isEmpty();
            assertThat(findings.warnings())
                    .as(optIn)
                    .singleElement()
                    .asString()
                    .contains("SIMULATED", "BAZAAR_ALLOW_SANDBOX_PAYMENTS=true", "staging");
        }
        assertThat(refused(with("bazaar.payments.provider", "sandbox", PaymentSafety.ALLOW_SANDBOX, "false")))
                .containsExactly("bazaar.payments.provider");
    }

    @Test
    void stripeNeedsALiveKeyUnlessStaging() {
        assertThat(refused(with("bazaar.stripe.api-key", null))).containsExactly("bazaar.stripe.api-key");
        Findings testKey = with("bazaar.stripe.api-key", "sk_test_51Qbazaar");
        assertThat(refused(testKey)).containsExactly("bazaar.stripe.api-key");
        assertThat(testKey.message("payment-service")).doesNotContain("sk_test_51Qbazaar");
        Findings staging = with("bazaar.stripe.api-key", "sk_test_51Qbazaar", PaymentSafety.ALLOW_SANDBOX_ENV, "true");
        assertThat(staging.refusals()).isEmpty();
        assertThat(staging.warnings()).singleElement().asString().contains("test-mode");
    }

    @Test
    void stripeNeedsBothWebhookSigningSecrets() {
        Findings findings = with("bazaar.webhooks.stripe-secret", null, "bazaar.webhooks.stripe-connect-secret", "");
        assertThat(refused(findings))
                .containsExactly("bazaar.webhooks.stripe-secret", "bazaar.webhooks.stripe-connect-secret");
        assertThat(findings.message("payment-service"))
                .contains("STRIPE_WEBHOOK_SECRET", "STRIPE_CONNECT_WEBHOOK_SECRET");
    }

    @Test
    void anUnknownProviderIsRefused() {
        assertThat(refused(with("bazaar.payments.provider", "paypal"))).containsExactly("bazaar.payments.provider");
    }

    @Test
    void anAdjustableClockIsRefusedUnlessStaging() {
        assertThat(refused(with("bazaar.clock.adjustable", "true"))).containsExactly("bazaar.clock.adjustable");
        Findings staging = with("bazaar.clock.adjustable", "true", PaymentSafety.ALLOW_SANDBOX_ENV, "true");
        assertThat(staging.refusals()).isEmpty();
        assertThat(staging.warnings()).hasSize(1);
    }

    @Test
    void thePortalsPublicUrlIsAnAbsoluteHttpsUrlOfAnotherHost() {
        for (String bad : new String[] {
            null,
            "http://localhost:8086",
            "https://localhost:8086",
            "https://127.0.0.1",
            "https://[::1]:8443",
            "http://sellers.example.com",
            "sellers.example.com",
            "/payouts",
            "https://exa mple.com"
        }) {
            Findings findings = with("bazaar.portal.public-url", bad);
            assertThat(refused(findings)).as(bad).containsExactly("bazaar.portal.public-url");
            assertThat(findings.refusals().getFirst().fix()).as(bad).contains("PORTAL_PUBLIC_URL");
        }
        assertThat(PaymentSafety.portalUrlProblem(Optional.of("http://localhost:8086")))
                .get()
                .asString()
                .contains("points at this host", "is not https");
        assertThat(PaymentSafety.portalUrlProblem(Optional.of("https://sellers.example.com")))
                .isEmpty();
        assertThat(PaymentSafety.portalUrlProblem(Optional.of("https://example.com/portal")))
                .isEmpty();
    }

    @Test
    void stripesLinksAreDerivedFromThePortalsPublicUrl() {
        PortalLinks portal = () -> "https://sellers.example.com/";
        assertThat(portal.payoutsPage()).isEqualTo("https://sellers.example.com/payouts");
        PortalLinks dev = () -> "http://localhost:8086";
        assertThat(dev.payoutsPage()).isEqualTo("http://localhost:8086/payouts");
    }
}
