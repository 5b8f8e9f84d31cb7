package dev.bazaar.system;

import dev.bazaar.system.Platform.Service;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/bazaar demo}: plays the {@link Journey} against the running dev platform ({@code bin/bazaar up}) and
 * prints it as a story with the URLs to look at. Tokens come from the dev realm (BAZAAR_KEYCLOAK_URL, set by the
 * script). Each run buys as a new buyer of its own ({@link DemoBuyer}), so that no run trips the platform's per-buyer
 * limits, however many come before it. Exits non-zero if a step does not do what it should, saying which step, which
 * call, what the service answered and what to do next.
 */
public final class Demo {

    private static final Map<Service, Integer> DEV_PORTS = Map.of(
            Service.CATALOG,
            8081,
            Service.CART,
            8082,
            Service.CHECKOUT,
            8083,
            Service.ORDER,
            8084,
            Service.PAYMENT,
            8085,
            Service.NOTIFICATION,
            8088,
            Service.REVIEW,
            8087,
            Service.PORTAL,
            8086);

    private Demo() {}

    public static void main(String[] args) {
        System.out.println("Bazaar demo — two sellers, one buyer, from listing to payout, through the public APIs.");
        String buyer = "buyer-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Journey journey = new Journey(
                        s -> "http://localhost:" + DEV_PORTS.get(s),
                        System.out,
                        buyer,
                        service -> "bin/bazaar logs " + service)
                .carrierSecret("carrier_dev_test_secret")
                .mailbox(dev.bazaar.devstack.testing.Mailbox.at("http://localhost:3080"));
        try {
            journey.step(
                    "0. a new buyer, " + buyer + ", signs up (the dev realm; password = user name)",
                    () -> DemoBuyer.create(buyer));
            List<Journey.Step> steps = journey.play();
            System.out.printf(
                    "%nDone in %.1f s. Look around:%n",
                    (steps.stream().mapToLong(s -> s.took().toNanos()).sum()) / 1e9);
            System.out.printf(
                    "  order        http://localhost:8084/api/v1/orders/%s (token of %s)%n", journey.orderId, buyer);
            System.out.printf("  its history  http://localhost:8084/api/v1/orders/%s/history%n", journey.orderId);
            System.out.printf("  payment      http://localhost:8085/api/v1/payments/%s%n", journey.paymentId);
            System.out.printf("  checkout     http://localhost:8083/api/v1/checkouts/%s%n", journey.checkoutId);
            System.out.println(
                    "  ledger       http://localhost:8085/api/v1/admin/ledger/trial-balance (token of admin)");
            System.out.printf(
                    "  sam's shop   http://localhost:8087/api/v1/shops/%s/reviews (its reviews and rating)%n",
                    journey.sam.shopId());
            System.out.println("  Swagger UIs  http://localhost:808{1..5}/q/swagger-ui");
            System.out.println("  portal       http://localhost:8086 (bob and sam are the sellers; admin approves)");
            System.out.println("  Keycloak     http://localhost:8180 (users: " + buyer
                    + ", alice, carol, bob, sam, admin;" + " password = user name)");
            System.exit(0);
        } catch (StepFailed e) {
            System.err.printf("%nThe demo stopped.%n%s%n", e.report());
            System.exit(1);
        } catch (Throwable e) { // NOPMD: anything else is a bug of the demo itself; say so rather than a stack trace
            System.err.printf("%nThe demo stopped outside its steps: %s%n", e);
            System.err.println("next     bin/bazaar status shows what runs; please report this output.");
            System.exit(1);
        }
    }
}
