package dev.bazaar.kit.clock;

import dev.bazaar.devstack.testing.RequestFieldSizes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The clock endpoint the kit gives payment and order (#23) bounds what a client sends, as every service's own resources
 * do (#21): the shared scan reads this package's compiled classes, so an unbounded new field fails here by name.
 */
class RequestFieldSizesTest {

    @Test
    void theClocksRequestIsBounded() {
        RequestFieldSizes.assertEveryRequestStringIsBounded(
                AdminClockResource.class, Map.of(), "AdminClockResource.Advance.advanceBy");
    }
}
