package dev.bazaar.payment.rest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.payment.config.PaymentConfig;
import java.lang.reflect.Proxy;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The sandbox's challenge endpoint exists only while the sandbox is the provider: with Stripe it is 404. */
class SandboxChallengeResourceTest {

    static PaymentConfig provider(String name) {
        return (PaymentConfig) Proxy.newProxyInstance(
                PaymentConfig.class.getClassLoader(),
                new Class<?>[] {PaymentConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "provider" -> name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void withStripeThereIsNoSandboxChallenge() {
        // nothing else is touched: no payment is looked up, no sandbox charge answered
        var resource = new SandboxChallengeResource(null, null, null, null, provider("stripe"), null);
        assertThatThrownBy(() -> resource.answer(
                        UUID.randomUUID(), new SandboxChallengeResource.ChallengeRequest("pi_x_secret_y", "complete")))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.status())
                                .isEqualTo(404));
    }
}
