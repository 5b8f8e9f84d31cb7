package dev.bazaar.portal.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.portal.client.OrderClient.Detail;
import dev.bazaar.portal.client.OrderClient.Line;
import dev.bazaar.portal.client.OrderClient.ShipmentLine;
import dev.bazaar.portal.service.Parcels.Draft;
import dev.bazaar.portal.service.Parcels.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParcelsTest {

    static final String MUG = "0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d";
    static final String VASE = "1c2d3e4f-5061-4b7c-8d9e-0f1a2b3c4d5e";
    static final String CUP = "2d3e4f50-6172-4c8d-9eaf-1a2b3c4d5e6f";

    static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    @Test
    void onlyQuantitiesAboveZeroGoInTheParcel() {
        Draft d = Parcels.draft(form(
                "csrf-token",
                "t",
                "qty-" + MUG,
                " 2 ",
                "qty-" + VASE,
                "0",
                "qty-" + CUP,
                "",
                "carrier",
                "UPS",
                "trackingNumber",
                "1Z999"));
        assertThat(d.valid()).isTrue();
        assertThat(d.shipment().carrier()).isEqualTo("UPS");
        assertThat(d.shipment().trackingNumber()).isEqualTo("1Z999");
        assertThat(d.shipment().lines()).containsExactly(new ShipmentLine(MUG, 2));
    }

    @Test
    void aFormWithoutQuantitiesAsksForEverythingLeft() {
        Draft d = Parcels.draft(form("carrier", "UPS", "trackingNumber", "1Z999"));
        assertThat(d.valid()).isTrue();
        assertThat(d.shipment().lines())
                .as("not sent: the order service ships all that is left")
                .isNull();
    }

    @Test
    void nothingToSendOrAQuantityThatIsNotAWholeNumberIsRefused() {
        assertThat(Parcels.draft(form("qty-" + MUG, "0", "qty-" + VASE, "", "carrier", "UPS"))
                        .error())
                .isEqualTo("Nothing to send: every quantity is 0. Enter how many of each item go in this parcel.");
        assertThat(Parcels.draft(form("qty-" + MUG, "-1", "qty-" + VASE, "1.5", "qty-" + CUP, "1"))
                        .error())
                .isEqualTo("How many of an item go in this parcel is a whole number from 0 to what is left to send,"
                        + " not \u201c-1\u201d, \u201c1.5\u201d.");
        assertThat(Parcels.draft(form("qty-not-a-variant", "1")).valid())
                .as("a field no page sends")
                .isFalse();
    }

    static Line line(String variant, String sku, int quantity, int shipped) {
        return new Line(variant, null, "Item " + sku, sku, quantity, null, null, null, shipped, 0);
    }

    static Detail detail(List<Line> lines) {
        return new Detail(
                "o",
                "s",
                "PARTIALLY_SHIPPED",
                null,
                lines,
                null,
                null,
                true,
                List.of(),
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                30,
                null);
    }

    @Test
    void theFormOffersWhatIsLeftOfEachLineRefilledAsTyped() {
        Detail o = detail(List.of(line(MUG, "MUG-BLUE", 3, 2), line(VASE, "VASE-L", 1, 1), line(CUP, "CUP", 4, 0)));
        assertThat(Parcels.form(o, Map.of()).rows())
                .containsExactly(
                        new Row(MUG, "Item MUG-BLUE", "MUG-BLUE", 1, "1"), new Row(CUP, "Item CUP", "CUP", 4, "4"));
        Parcels.Form typed = Parcels.form(o, form("qty-" + CUP, "2", "carrier", "DHL"));
        assertThat(typed.rows().get(1).quantity()).isEqualTo("2");
        assertThat(typed.carrier()).isEqualTo("DHL");
        assertThat(typed.trackingNumber()).isEmpty();
    }

    @Test
    void theOrderServicesVariantIdsReadAsSkus() {
        Detail o = detail(List.of(line(MUG, "MUG-BLUE", 3, 2)));
        assertThat(Parcels.readable("lines: at most 1 of variant " + MUG + " are left to ship", o))
                .isEqualTo("lines: at most 1 of variant MUG-BLUE are left to ship");
        assertThat(Parcels.readable(null, o)).isNull();
    }
}
