package dev.bazaar.portal;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FiguresTest {

    static Map<String, Object> group(String status, Instant placed, long cents, List<Map<String, Object>> returns) {
        return Map.of("status", status, "placedAt", placed.toString(), "total", Map.of("amount", cents,
                "currency", "USD"), "returns", returns);
    }

    @Test
    void salesCountPaidAndLaterGroupsOnlyAndWaitingWorkIsCounted() {
        Instant now = Instant.now();
        var figures = HomeResource.figures(List.of(
                group("PAID", now, 2_500, List.of()),
                group("SHIPPED", now.minus(3, ChronoUnit.DAYS), 10_000, List.of()),
                group("DELIVERED", now.minus(40, ChronoUnit.DAYS), 99_999, List.of(Map.of("status", "REQUESTED"))),
                group("CANCELLED", now, 7_000, List.of()),
                group("PLACED", now, 1_000, List.of())));
        assertThat(figures.get("today")).isEqualTo(Map.of("amount", 2_500L, "currency", "USD"));
        assertThat(figures.get("month")).isEqualTo(Map.of("amount", 12_500L, "currency", "USD"));
        assertThat(figures.get("toShip")).isEqualTo(1);
        assertThat(figures.get("returns")).isEqualTo(1);
    }

    @Test
    void dollarsTypedInAFormBecomeMinorUnitsOrNothing() {
        assertThat(Pages.cents("12.50")).isEqualTo(1_250L);
        assertThat(Pages.cents("$3")).isEqualTo(300L);
        assertThat(Pages.cents(" 0.99 ")).isEqualTo(99L);
        assertThat(Pages.cents("1.999")).as("no fractions of a cent").isNull();
        assertThat(Pages.cents("twelve")).isNull();
        assertThat(Pages.cents("")).isNull();
    }
}
