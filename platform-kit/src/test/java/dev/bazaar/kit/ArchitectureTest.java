package dev.bazaar.kit;

import dev.bazaar.devstack.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The kit keeps the house rules its services keep (ArchitectureRules.houseRules): @ConfigMapping, injected JSON. */
class ArchitectureTest {

    @Test
    void theKitKeepsTheHouseRules() {
        ArchitectureRules.checkKit("dev.bazaar.kit");
    }
}
