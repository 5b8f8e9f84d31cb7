package dev.bazaar.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.catalog.domain.Product.Media;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What differs between a live product's content and a revision's: the admin's diff, in a fixed order. */
class ProductContentTest {

    static final UUID MUGS = UUID.randomUUID();
    static final ProductContent LIVE = new ProductContent(
            "Stoneware mug",
            "Hand thrown.",
            MUGS,
            "Blue Door",
            List.of("mug", "blue"),
            Map.of("material", "stoneware"),
            List.of(new Media("https://img/1.jpg", "A mug")));

    @Test
    void theSameContentHasNoChanges() {
        ProductContent same = new ProductContent(
                "Stoneware mug",
                "Hand thrown.",
                MUGS,
                "Blue Door",
                List.of("mug", "blue"),
                Map.of("material", "stoneware"),
                List.of(new Media("https://img/1.jpg", "A mug")));
        assertThat(same.changedFrom(LIVE)).isEmpty();
        assertThat(same).isEqualTo(LIVE);
    }

    @Test
    void changedFieldsAreNamedInTheApisSpellingAndOrder() {
        ProductContent moved = new ProductContent(
                "Stoneware mug",
                "Hand thrown.",
                UUID.randomUUID(),
                null,
                List.of("blue", "mug"),
                Map.of("material", "stoneware"),
                List.of(new Media("https://img/1.jpg", "A blue mug")));
        assertThat(moved.changedFrom(LIVE)).containsExactly("categoryId", "brand", "tags", "media");
        ProductContent retitled = new ProductContent(
                "Glazed mug",
                "",
                MUGS,
                "Blue Door",
                List.of("mug", "blue"),
                Map.of("material", "porcelain"),
                List.of(new Media("https://img/1.jpg", "A mug")));
        assertThat(retitled.changedFrom(LIVE)).containsExactly("title", "description", "attributes");
    }

    @Test
    void appliedToAProductItReplacesTheContentAndKeepsStatusVariantsAndVersion() {
        Product p = new Product(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "mug",
                "Old",
                "",
                UUID.randomUUID(),
                null,
                List.of(),
                Map.of(),
                List.of(),
                ProductStatus.ACTIVE,
                null,
                List.of(),
                null,
                null,
                7);
        Product after = LIVE.applyTo(p);
        assertThat(ProductContent.of(after)).isEqualTo(LIVE);
        assertThat(after.status()).isEqualTo(ProductStatus.ACTIVE);
        assertThat(after.version()).isEqualTo(7);
        assertThat(after.slug()).isEqualTo("mug");
    }
}
