package dev.bazaar.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShopSlugTest {

    @Test
    void aNameBecomesLowercaseWordsJoinedByDashes() {
        assertThat(ShopSlug.fromName("Bob's Kitchen")).isEqualTo("bobs-kitchen");
        assertThat(ShopSlug.fromName("  Sam’s  Rugs & Mats!! ")).isEqualTo("sams-rugs-mats");
        assertThat(ShopSlug.fromName("Crème Brûlée Café")).isEqualTo("creme-brulee-cafe");
        assertThat(ShopSlug.fromName("ÅRHUS Ølbryggeri 2")).isEqualTo("arhus-olbryggeri-2");
        assertThat(ShopSlug.fromName("---Tea---Time---")).isEqualTo("tea-time");
    }

    @Test
    void aNameWithTooFewLettersStillGivesAValidSlug() {
        assertThat(ShopSlug.fromName("AB")).isEqualTo("ab-shop");
        assertThat(ShopSlug.fromName("東京の店")).isEqualTo("shop");
        assertThat(ShopSlug.fromName("")).isEqualTo("shop");
        assertThat(ShopSlug.fromName(null)).isEqualTo("shop");
    }

    @Test
    void aLongNameIsCutAtAWordWithinSixtyCharacters() {
        String slug = ShopSlug.fromName("The Very Long Name Of A Shop That Sells Handmade Ceramic Mugs And Bowls");
        assertThat(slug)
                .hasSizeLessThanOrEqualTo(60)
                .isEqualTo("the-very-long-name-of-a-shop-that-sells-handmade-ceramic");
        assertThat(ShopSlug.valid(slug)).isTrue();
    }

    @Test
    void takenSlugsGetTheNextFreeNumber() {
        assertThat(ShopSlug.firstFree("bobs-kitchen", Set.of(), new Random(1))).isEqualTo("bobs-kitchen");
        assertThat(ShopSlug.firstFree("bobs-kitchen", Set.of("bobs-kitchen"), new Random(1)))
                .isEqualTo("bobs-kitchen-2");
        assertThat(ShopSlug.firstFree(
                        "bobs-kitchen", Set.of("bobs-kitchen", "bobs-kitchen-2", "bobs-kitchen-4"), new Random(1)))
                .isEqualTo("bobs-kitchen-3");
    }

    @Test
    void whenTwentyAreTakenARandomSuffixFollows() {
        Set<String> taken = new HashSet<>(ShopSlug.candidates("mugs"));
        String slug = ShopSlug.firstFree("mugs", taken, new Random(7));
        assertThat(slug).matches("mugs-[a-z0-9]{6}");
        assertThat(taken).doesNotContain(slug);
    }

    @Test
    void everyCandidateOfEveryNameIsAValidSlug() {
        Random random = new Random(42);
        String alphabet = "aZ9 -'’éß東&_.x";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder name = new StringBuilder();
            int len = random.nextInt(130);
            for (int j = 0; j < len; j++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String base = ShopSlug.fromName(name.toString());
            assertThat(ShopSlug.valid(base)).as("'%s' → '%s'", name, base).isTrue();
            for (String c : ShopSlug.candidates(base)) {
                assertThat(ShopSlug.valid(c))
                        .as("candidate '%s' of '%s'", c, name)
                        .isTrue();
            }
            String random6 = ShopSlug.firstFree(base, new HashSet<>(ShopSlug.candidates(base)), random);
            assertThat(ShopSlug.valid(random6)).as(random6).isTrue();
        }
    }
}
