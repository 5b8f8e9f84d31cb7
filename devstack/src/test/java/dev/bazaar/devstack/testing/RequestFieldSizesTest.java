package dev.bazaar.devstack.testing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scan itself: the usual mistakes are each named, what is bounded is not. */
class RequestFieldSizesTest {

    @SuppressWarnings("unused")
    static class Careless {

        record Inner(@Size(max = 10) String text) {}

        record Body(
                String note,
                @Size(min = 1) String name,
                @Pattern(regexp = "^https?://\\S+$") String url,
                List<String> tags,
                @Size(max = 5) Map<String, String> labels,
                @Pattern(regexp = "[A-Z]{3}") String code,
                @Size(max = 10) String ok,
                Inner inner) {}

        @POST
        void post(
                @QueryParam("q") String q,
                @HeaderParam("X-Note") String note,
                @QueryParam("limit") @Size(max = 5) String limit,
                @Valid Body body) {}
    }

    @Test
    void theScanNamesEveryStringListAndMapWithoutALimit() {
        RequestFieldSizes.Scan scan = RequestFieldSizes.scan(List.of(Careless.class));

        assertThat(scan.offenders().keySet())
                .containsExactlyInAnyOrder(
                        "RequestFieldSizesTest.Careless.Body.note",
                        "RequestFieldSizesTest.Careless.Body.name",
                        "RequestFieldSizesTest.Careless.Body.url",
                        "RequestFieldSizesTest.Careless.Body.tags",
                        "RequestFieldSizesTest.Careless.Body.tags[]",
                        "RequestFieldSizesTest.Careless.Body.labels<key>",
                        "RequestFieldSizesTest.Careless.Body.labels<value>",
                        "RequestFieldSizesTest.Careless.Inner.text",
                        "RequestFieldSizesTest.Careless.post(@QueryParam q)",
                        "RequestFieldSizesTest.Careless.post(@HeaderParam X-Note)");
        assertThat(scan.offenders().get("RequestFieldSizesTest.Careless.Inner.text"))
                .contains("@Valid");
        assertThat(scan.strings())
                .contains(
                        "RequestFieldSizesTest.Careless.Body.code",
                        "RequestFieldSizesTest.Careless.Body.ok",
                        "RequestFieldSizesTest.Careless.post(@QueryParam limit)");
    }

    @Test
    void theServicesCheckFailsNamingWhatIsUnboundedAndWhatItDidNotSee() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RequestFieldSizes.assertEveryRequestStringIsBounded(
                        Careless.class, Map.of(), "RequestFieldSizesTest.Careless.Body.ok"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("without a limit")
                .hasMessageContaining("RequestFieldSizesTest.Careless.Body.note");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        RequestFieldSizes.assertEveryRequestStringIsBounded(Careless.class, Map.of(), "Nowhere.field"))
                .hasMessageContaining("did not see [Nowhere.field]");
    }
}
