package dev.bazaar.portal.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewsTest {

    @Test
    void starsAreFiveFilledThenEmptyAndStayWithinOneToFive() {
        assertThat(Reviews.stars(4)).isEqualTo("★★★★☆");
        assertThat(Reviews.stars(1)).isEqualTo("★☆☆☆☆");
        assertThat(Reviews.stars(5)).isEqualTo("★★★★★");
        assertThat(Reviews.stars(9)).isEqualTo("★★★★★");
        assertThat(Reviews.stars(-1)).isEqualTo("☆☆☆☆☆");
    }

    @Test
    void theFilterTakesTheSellersStatusesAsTypedAndNothingElse() {
        assertThat(Reviews.status(" pending ")).isEqualTo("PENDING");
        assertThat(Reviews.status("PUBLISHED")).isEqualTo("PUBLISHED");
        assertThat(Reviews.status("")).isEmpty();
        assertThat(Reviews.status(null)).isEmpty();
        assertThat(Reviews.status("REMOVED")).isNull();
        assertThat(Reviews.status("published&x=1")).isNull();
    }

    @Test
    void statusesAndFlagsReadAsWordsAndAPendingReviewWithoutFlagsWasReported() {
        assertThat(Reviews.label("PENDING")).isEqualTo("Waiting for moderation");
        assertThat(Reviews.label("REJECTED")).isEqualTo("Rejected by the marketplace");
        assertThat(Reviews.label("ARCHIVED")).isEqualTo("ARCHIVED");
        assertThat(Reviews.heldBecause(List.of("LINK", "BLOCKED_WORD"))).isEqualTo("a web address; a blocked word");
        assertThat(Reviews.heldBecause(List.of("NEW_CHECK"))).isEqualTo("NEW_CHECK");
        assertThat(Reviews.heldBecause(List.of())).isEqualTo("reported by readers");
        assertThat(Reviews.heldBecause(null)).isEqualTo("reported by readers");
    }

    @Test
    void theQueryKeepsTheFilterAndTheCursorEncoded() {
        assertThat(Reviews.query("PENDING", "abc_-1")).isEqualTo("status=PENDING&cursor=abc_-1");
        assertThat(Reviews.query("", "a+b/c=")).isEqualTo("cursor=a%2Bb%2Fc%3D");
        assertThat(Reviews.query("", null)).isEmpty();
    }
}
