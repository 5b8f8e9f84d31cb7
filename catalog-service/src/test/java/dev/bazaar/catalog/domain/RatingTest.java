package dev.bazaar.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RatingTest {

    @Test
    void minRatingInStarsIsTheLowestAverageInTenthsThatQualifies() {
        assertThat(Rating.tenthsFor(1)).isEqualTo(10);
        assertThat(Rating.tenthsFor(4)).isEqualTo(40);
        assertThat(Rating.tenthsFor(5)).isEqualTo(50);
        assertThatThrownBy(() -> Rating.tenthsFor(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rating.tenthsFor(6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRatingIsNoneOrAnAverageOfOneToFiveStars() {
        assertThat(Rating.NONE).isEqualTo(new Rating(0, 0));
        assertThat(new Rating(43, 7).averageTenths()).isEqualTo(43);
        assertThatThrownBy(() -> new Rating(0, 3))
                .as("reviews with no average")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rating(40, 0))
                .as("an average of nothing")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rating(51, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rating(9, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rating(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
