package dev.bazaar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The buyer-to-payout journey (see {@link Journey}) on the five packaged services and the test devstack. */
class JourneySystemTest {

    static Platform platform;

    @BeforeAll
    static void platform() {
        platform = Platform.shared();
        new Marketplace(platform).freshCatalog();
    }

    @Test
    void fromShopsToPayoutsEveryStepAsAUserSeesIt() {
        Journey journey = new Journey(platform::url, System.out);
        List<Journey.Step> steps = journey.play();
        System.out.println("\n[journey] step durations:");
        steps.forEach(
                s -> System.out.printf("[journey]   %6.2f s  %s%n", s.took().toNanos() / 1e9, s.name()));
        System.out.printf(
                "[journey]   %6.2f s  total%n",
                steps.stream().mapToLong(s -> s.took().toNanos()).sum() / 1e9);
        assertThat(journey.bob.freshShop())
                .as("the shops were opened in this run, so payouts are exact")
                .isTrue();
        assertThat(steps).as("every step of the story ran").hasSize(14);
    }
}
