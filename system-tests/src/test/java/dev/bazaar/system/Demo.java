package dev.bazaar.system;

import dev.bazaar.system.Platform.Service;

import java.util.List;
import java.util.Map;

/**
 * {@code bin/bazaar demo}: plays the {@link Journey} against the running dev platform ({@code bin/bazaar up}) and
 * prints it as a story with the URLs to look at. Tokens come from the dev realm (BAZAAR_KEYCLOAK_URL, set by the
 * script). Exits non-zero if a step does not do what it should.
 */
public final class Demo {

    private static final Map<Service, Integer> DEV_PORTS = Map.of(Service.CATALOG, 8081, Service.CART, 8082,
            Service.CHECKOUT, 8083, Service.ORDER, 8084, Service.PAYMENT, 8085);

    private Demo() {
    }

    public static void main(String[] args) {
        System.out.println("Bazaar demo — two sellers, one buyer, from listing to payout, through the public APIs.");
        Journey journey = new Journey(s -> "http://localhost:" + DEV_PORTS.get(s), System.out);
        try {
            List<Journey.Step> steps = journey.play();
            System.out.printf("%nDone in %.1f s. Look around:%n", steps.stream().mapToLong(s -> s.took().toNanos())
                    .sum() / 1e9);
            System.out.printf("  order        http://localhost:8084/api/v1/orders/%s (token of alice)%n",
                    journey.orderId);
            System.out.printf("  its history  http://localhost:8084/api/v1/orders/%s/history%n", journey.orderId);
            System.out.printf("  payment      http://localhost:8085/api/v1/payments/%s%n", journey.paymentId);
            System.out.printf("  checkout     http://localhost:8083/api/v1/checkouts/%s%n", journey.checkoutId);
            System.out.println("  ledger       http://localhost:8085/api/v1/admin/ledger/trial-balance (token of admin)");
            System.out.println("  Swagger UIs  http://localhost:808{1..5}/q/swagger-ui");
            System.out.println("  Keycloak     http://localhost:8180 (users: alice, carol, bob, sam, admin; password ="
                    + " user name)");
            System.exit(0);
        } catch (AssertionError | RuntimeException e) {
            System.err.printf("%nThe demo stopped: %s%n", e.getMessage());
            System.err.println("Is the platform up (bin/bazaar status)? Logs: bin/bazaar logs <service>.");
            System.exit(1);
        }
    }
}
