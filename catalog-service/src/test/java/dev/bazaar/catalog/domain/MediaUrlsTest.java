package dev.bazaar.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An uploaded image's URL names its three renditions; any other URL names none. */
class MediaUrlsTest {

    private static final String PREFIX = "http://localhost:9000/bazaar-media/media/"
            + "0b5c8f1e-3f0a-4a57-9c1e-2d7b5d3a9e11/" + "ab".repeat(32) + "/";

    @Test
    void anyRenditionsUrlGivesAllThreeWithTheSameExtension() {
        assertThat(MediaUrls.renditionsOf(PREFIX + "full.jpg"))
                .containsExactly(
                        java.util.Map.entry("thumbnail", PREFIX + "thumbnail.jpg"),
                        java.util.Map.entry("card", PREFIX + "card.jpg"),
                        java.util.Map.entry("full", PREFIX + "full.jpg"));
        assertThat(MediaUrls.renditionsOf(PREFIX + "thumbnail.png")).containsEntry("full", PREFIX + "full.png");
    }

    @Test
    void otherUrlsHaveNoRenditions() {
        assertThat(MediaUrls.renditionsOf("https://images.example.com/mug.jpg")).isEmpty();
        assertThat(MediaUrls.renditionsOf(PREFIX + "original.jpg")).isEmpty();
        assertThat(MediaUrls.renditionsOf(PREFIX + "full.gif")).isEmpty();
        assertThat(MediaUrls.renditionsOf(PREFIX.replace("ab", "zz") + "full.jpg"))
                .isEmpty();
        assertThat(MediaUrls.renditionsOf(null)).isEmpty();
    }
}
