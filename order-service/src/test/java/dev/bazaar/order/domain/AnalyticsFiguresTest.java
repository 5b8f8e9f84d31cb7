package dev.bazaar.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The derived figures: integers, half-even, 0 where there is nothing to divide by. */
class AnalyticsFiguresTest {

    static AnalyticsFigures f(long gmv, long orders, long items, long commission, long returned) {
        return new AnalyticsFigures(gmv, orders, items, commission, 0, 0, returned, 0);
    }

    @Test
    void ratiosAreHalfEvenIntegers() {
        assertThat(f(1_000, 3, 0, 0, 0).averageOrderValue()).isEqualTo(333);
        assertThat(f(1_001, 2, 0, 0, 0).averageOrderValue()).isEqualTo(500); // 500.5 → even neighbour
        assertThat(f(1_003, 2, 0, 0, 0).averageOrderValue()).isEqualTo(502); // 501.5 → even neighbour
        assertThat(f(5_750, 1, 4, 575, 1).takeRateBps()).isEqualTo(1_000);
        assertThat(f(5_750, 1, 4, 575, 1).returnRateBps()).isEqualTo(2_500);
        assertThat(f(3, 1, 3, 1, 1).takeRateBps()).isEqualTo(3_333);
    }

    @Test
    void nothingToDivideByIsZero() {
        assertThat(AnalyticsFigures.ZERO.averageOrderValue()).isZero();
        assertThat(AnalyticsFigures.ZERO.takeRateBps()).isZero();
        assertThat(f(0, 0, 0, 0, 2).returnRateBps()).isZero();
    }

    @Test
    void countersReadAndAdd() {
        AnalyticsFigures a = AnalyticsFigures.of(Map.of("gmv", 10, "orders", 1L, "payouts", 7));
        assertThat(a.plus(a)).isEqualTo(new AnalyticsFigures(20, 2, 0, 0, 0, 0, 0, 14));
        assertThat(AnalyticsFigures.of(a.counters())).isEqualTo(a);
    }
}
