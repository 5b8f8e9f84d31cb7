package dev.bazaar.portal.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.portal.client.CatalogClient.Content;
import dev.bazaar.portal.client.CatalogClient.Image;
import dev.bazaar.portal.client.CatalogClient.MediaItem;
import dev.bazaar.portal.client.CatalogClient.Product;
import dev.bazaar.portal.client.CatalogClient.Revision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductImagesTest {

    static final Image A = new Image(
            "https://cdn.example/a/full.jpg", "Front", Map.of("thumbnail", "https://cdn.example/a/thumbnail.jpg"));
    static final Image B = new Image("https://cdn.example/b.jpg", "Handle", null);

    static Product product(List<Image> media) {
        return new Product(null, "Mug", "", "ACTIVE", null, List.of(), media);
    }

    static Revision revision(String status, List<Image> proposed) {
        Content c = new Content("Mug", "", null, null, List.of(), Map.of(), proposed);
        return new Revision(null, status, null, null, List.of("media"), c, c);
    }

    @Test
    void aPendingRevisionsImagesAreTheOnesEditedElseTheProductsOwn() {
        assertThat(ProductImages.editing(product(List.of(A)), revision("PENDING", List.of(A, B))))
                .containsExactly(A, B);
        assertThat(ProductImages.editing(product(List.of(A)), revision("REJECTED", List.of(B))))
                .containsExactly(A);
        assertThat(ProductImages.editing(product(null), null)).isEmpty();
    }

    @Test
    void theGalleryShowsEachImagesThumbnailElseItsUrlWithItsPlace() {
        ProductImages.Gallery g = ProductImages.gallery(List.of(A, B), false);
        assertThat(g.items())
                .containsExactly(
                        new ProductImages.Shown(
                                1, A.url(), "Front", "https://cdn.example/a/thumbnail.jpg", true, false),
                        new ProductImages.Shown(2, B.url(), "Handle", B.url(), false, true));
        assertThat(g.full()).isFalse();
    }

    @Test
    void anUploadIsAddedLastWithItsAltTextUnlessItCannotBe() {
        assertThat(ProductImages.appended(List.of(A), "https://cdn.example/c/full.jpg", " Side ")
                        .media())
                .containsExactly(
                        new MediaItem(A.url(), "Front"), new MediaItem("https://cdn.example/c/full.jpg", "Side"));
        assertThat(ProductImages.appended(List.of(A), A.url(), "Again").refusal())
                .isEqualTo("This image is already one of the product's.");
        assertThat(ProductImages.appended(List.of(A), "https://cdn.example/c.jpg", "")
                        .ok())
                .isFalse();
        assertThat(ProductImages.appended(List.of(A), "https://cdn.example/c.jpg", "x".repeat(301))
                        .refusal())
                .isEqualTo("Alt text is at most 300 characters.");
        List<Image> twenty = new ArrayList<>();
        for (int i = 0; i < ProductImages.MAX_IMAGES; i++) {
            twenty.add(new Image("https://cdn.example/" + i + ".jpg", "Image " + i, null));
        }
        assertThat(ProductImages.roomProblem(twenty)).startsWith("A product has at most 20 images");
        assertThat(ProductImages.appended(twenty, "https://cdn.example/c.jpg", "One more")
                        .ok())
                .isFalse();
        assertThat(ProductImages.gallery(twenty, false).full()).isTrue();
    }

    @Test
    void movesAndRemovalsNameTheImageByPlaceAndUrl() {
        List<Image> two = List.of(A, B);
        assertThat(ProductImages.moved(two, "1", A.url(), 1).media())
                .extracting(MediaItem::url)
                .containsExactly(B.url(), A.url());
        assertThat(ProductImages.moved(two, "2", B.url(), -1).media())
                .extracting(MediaItem::url)
                .containsExactly(B.url(), A.url());
        assertThat(ProductImages.moved(two, "2", B.url(), 1).refusal()).isEqualTo("This image is already the last.");
        assertThat(ProductImages.removed(two, "1", A.url()).media())
                .extracting(MediaItem::url)
                .containsExactly(B.url());
        assertThat(ProductImages.removed(two, "1", B.url()).refusal()).isEqualTo(ProductImages.CHANGED_MEANWHILE);
        assertThat(ProductImages.removed(two, "x", A.url()).refusal()).isEqualTo(ProductImages.CHANGED_MEANWHILE);
        assertThat(ProductImages.removed(two, "0", A.url()).refusal()).isEqualTo(ProductImages.CHANGED_MEANWHILE);
        assertThat(ProductImages.relabelled(two, "2", B.url(), "Handle, close up")
                        .media())
                .containsExactly(new MediaItem(A.url(), "Front"), new MediaItem(B.url(), "Handle, close up"));
    }

    @Test
    void anUploadsFileNameIsPassedOnWithSafeCharactersOnly() {
        assertThat(ProductImages.fileName("C:\\photos\\my mug.jpg")).isEqualTo("my_mug.jpg");
        assertThat(ProductImages.fileName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(ProductImages.fileName(null)).isEqualTo("image");
        assertThat(ProductImages.fileName("")).isEqualTo("image");
    }
}
