package dev.bazaar.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchBoundsTest {

    @Test
    void shortQueriesAreFuzzyLongOnesExact() {
        assertThat(SearchBounds.fuzziness("cotton tee")).isEqualTo("AUTO");
        assertThat(SearchBounds.fuzziness("  organic cotton tee shirt  ")).isEqualTo("AUTO");
        assertThat(SearchBounds.fuzziness("organic cotton tee shirt navy")).isEqualTo("0");
        assertThat(SearchBounds.fuzziness("x".repeat(61))).isEqualTo("0");
        assertThat(SearchBounds.fuzziness("x".repeat(60))).isEqualTo("AUTO");
        assertThat(SearchBounds.fuzziness(null)).isEqualTo("0");
    }

    @Test
    void suggestionsAreFuzzyOnlyForShortPrefixes() {
        assertThat(SearchBounds.fuzzySuggest("cott")).isTrue();
        assertThat(SearchBounds.fuzzySuggest("a very long prefix beyond twenty"))
                .isFalse();
    }
}
