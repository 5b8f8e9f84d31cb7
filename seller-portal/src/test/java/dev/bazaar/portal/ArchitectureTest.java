package dev.bazaar.portal;

import dev.bazaar.devstack.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** Where each kind of code lives (ArchitectureRules): pages in rest/, calls to the services in client/, … */
class ArchitectureTest {

    @Test
    void eachKindOfCodeLivesInItsPlace() {
        ArchitectureRules.check("dev.bazaar.portal");
    }
}
