package dev.bazaar.portal.service;

import dev.bazaar.portal.client.Money;
import dev.bazaar.portal.client.OrderClient.Group;
import dev.bazaar.portal.client.OrderClient.Return;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FiguresTest {

    static Group group(String status, Instant placed, long cents, List<Return> returns) {
        return new Group("o-1", status, placed, Money.usd(cents), 1, null, null, returns);
    }

    @Test
    void salesCountPaidAndLaterGroupsOnlyAndWaitingWorkIsCounted() {
        Instant now = Instant.now();
        var figures = Figures.of(List.of(
                group("PAID", now, 2_500, List.of()),
                group("SHIPPED", now.minus(3, ChronoUnit.DAYS), 10_000, List.of()),
                group("DELIVERED", now.minus(40, ChronoUnit.DAYS), 99_999, List.of(new Return("r-1", "REQUESTED",
                        List.of()))),
                group("CANCELLED", now, 7_000, List.of()),
                group("PLACED", now, 1_000, List.of())), now);
        assertThat(figures.today()).isEqualTo(Money.usd(2_500));
        assertThat(figures.month()).isEqualTo(Money.usd(12_500));
        assertThat(figures.toShip()).isEqualTo(1);
        assertThat(figures.returns()).isEqualTo(1);
    }

    @Test
    void dollarsTypedInAFormBecomeMinorUnitsOrNothing() {
        assertThat(ProductDrafts.cents("12.50")).isEqualTo(1_250L);
        assertThat(ProductDrafts.cents("$3")).isEqualTo(300L);
        assertThat(ProductDrafts.cents(" 0.99 ")).isEqualTo(99L);
        assertThat(ProductDrafts.cents("1.999")).as("no fractions of a cent").isNull();
        assertThat(ProductDrafts.cents("twelve")).isNull();
        assertThat(ProductDrafts.cents("")).isNull();
    }
}
