package dev.bazaar.review;

import dev.bazaar.devstack.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** Where each kind of code lives (ArchitectureRules): MongoDB in persistence/, consumers in messaging/, … */
class ArchitectureTest {

    @Test
    void eachKindOfCodeLivesInItsPlace() {
        ArchitectureRules.check("dev.bazaar.review");
    }
}
