package dev.bazaar.notification.rest;

import dev.bazaar.devstack.testing.RequestFieldSizes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every string a client sends this service has a length limit (#21): the shared scan ({@link RequestFieldSizes}) reads
 * the compiled classes of this rest package, so a new request record or parameter without a limit fails here, by name.
 */
class RequestFieldSizesTest {

    /** Request strings whose limit is enforced elsewhere, and where. */
    static final Map<String, String> BOUNDED_ELSEWHERE = Map.of();

    @Test
    void everyRequestStringHasALengthLimit() {
        RequestFieldSizes.assertEveryRequestStringIsBounded(
                InboxResource.class,
                BOUNDED_ELSEWHERE,
                "UnsubscribeResource.page(@QueryParam token)",
                "UnsubscribeResource.unsubscribe(@QueryParam token)",
                "AdminNotificationResource.preview(@PathParam type)",
                "AdminNotificationResource.preview(@QueryParam format)",
                "PreferencesResource.MutedRequest.muted[]",
                "InboxResource.read(@PathParam id)");
    }
}
