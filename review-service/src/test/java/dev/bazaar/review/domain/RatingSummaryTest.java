package dev.bazaar.review.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatingSummaryTest {

    private static RatingSummary of(Integer... stars) {
        return RatingSummary.of(
                Arrays.stream(stars)
                        .map(s -> new RatingSummary.Contribution(s, null))
                        .toList(),
                false);
    }

    @Test
    void theAverageIsInIntegerTenthsRoundedHalfUp() {
        assertThat(of(4, 5).averageTenths()).isEqualTo(45);
        assertThat(of(4, 4, 5).averageTenths()).as("4.333…").isEqualTo(43);
        assertThat(of(4, 5, 5).averageTenths()).as("4.666…").isEqualTo(47);
        assertThat(of(4, 5, 5, 5).averageTenths()).as("4.75").isEqualTo(48);
        assertThat(of(1, 2, 2, 2).averageTenths()).as("1.75").isEqualTo(18);
        assertThat(of(3).averageTenths()).isEqualTo(30);
    }

    @Test
    void theHistogramCountsEachStarAndNoReviewsIsZero() {
        RatingSummary s = of(5, 5, 4, 1);
        assertThat(s.count()).isEqualTo(4);
        assertThat(s.histogram()).containsExactly(1L, 0L, 0L, 1L, 2L);
        assertThat(of()).isEqualTo(RatingSummary.NONE);
    }

    @Test
    void aShopsRatingHasItsThreeScoresMeans() {
        RatingSummary s = RatingSummary.of(
                List.of(
                        new RatingSummary.Contribution(4, new ShopScores(5, 3, 4)),
                        new RatingSummary.Contribution(5, new ShopScores(4, 4, 5))),
                true);
        assertThat(s.averageTenths()).isEqualTo(45);
        assertThat(s.dimensions()).isEqualTo(new RatingSummary.Dimensions(45, 35, 45));
        assertThat(RatingSummary.of(List.of(), true).dimensions()).isEqualTo(new RatingSummary.Dimensions(0, 0, 0));
    }
}
