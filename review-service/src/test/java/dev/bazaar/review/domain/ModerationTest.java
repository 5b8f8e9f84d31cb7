package dev.bazaar.review.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModerationTest {

    private static final Moderation.Rules RULES = new Moderation.Rules(10, 200, Set.of("scam", " Fake "), 40);

    private static Content content(String title, String body) {
        return new Content(5, null, title, body, List.of());
    }

    @Test
    void anOrdinaryReviewIsPublishedAtOnce() {
        assertThat(Moderation.check(content("Great tent", "Kept us dry through two nights of rain."), RULES, false)
                        .held())
                .isFalse();
    }

    @Test
    void linksBlockedWordsLengthAndCopiesAreEachHeldWithTheirReason() {
        assertThat(Moderation.check(content("Tent", "Buy it cheaper at www.example.com today"), RULES, false)
                        .flags())
                .containsExactly(Moderation.Flag.LINK);
        assertThat(Moderation.check(content("Tent", "see https://x.io/deal for more"), RULES, false)
                        .flags())
                .contains(Moderation.Flag.LINK);
        assertThat(Moderation.check(content("Total SCAM!", "This seller is a fraud, beware."), RULES, false)
                        .flags())
                .containsExactly(Moderation.Flag.BLOCKED_WORD);
        assertThat(Moderation.check(content("Tent", "Fäke, not the real brand at all"), RULES, false)
                        .flags())
                .as("accents and case are ignored")
                .containsExactly(Moderation.Flag.BLOCKED_WORD);
        assertThat(Moderation.check(content("Tent", "ok"), RULES, false).flags())
                .containsExactly(Moderation.Flag.LENGTH);
        assertThat(Moderation.check(content("Tent", "x".repeat(201)), RULES, false)
                        .flags())
                .containsExactly(Moderation.Flag.LENGTH);
        assertThat(Moderation.check(content("Tent", "Kept us dry through two nights of rain."), RULES, true)
                        .flags())
                .containsExactly(Moderation.Flag.REPEATED_TEXT);
    }

    @Test
    void aBlockedWordInsideAnotherWordIsNotBlocked() {
        assertThat(Moderation.check(content("Tent", "Escamotage is a word, and fakery too."), RULES, false)
                        .held())
                .isFalse();
    }

    @Test
    void copiesAreRecognisedWhateverTheirCaseAndPunctuationAndOnlyWhenLongEnough() {
        String text = "Absolutely the best purchase I have made this year, five stars!";
        assertThat(Moderation.textKey(text))
                .isEqualTo(Moderation.textKey("absolutely THE best purchase i have made " + "this year... five stars"));
        assertThat(Moderation.comparesText(text, RULES)).isTrue();
        assertThat(Moderation.comparesText("Great, thanks!", RULES)).isFalse();
    }
}
