package dev.bazaar.catalog.domain;

import java.util.Locale;

/**
 * The sizes an uploaded image is served in: a thumbnail for lists, a card for search results and the full image for
 * the product page. Each fits its box keeping the image's proportions, and none is larger than the upload (an image is
 * never enlarged).
 */
public enum Rendition {
    THUMBNAIL(200),
    CARD(600),
    FULL(1600);

    private final int box;

    Rendition(int box) {
        this.box = box;
    }

    /** The longest side this rendition may have. */
    public int box() {
        return box;
    }

    /** The name in URLs, keys and JSON: {@code thumbnail}, {@code card}, {@code full}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Width and height of this rendition of a {@code width} × {@code height} image (at least 1 × 1). */
    public int[] fit(int width, int height) {
        int longest = Math.max(width, height);
        if (longest <= box) {
            return new int[] {width, height};
        }
        double scale = (double) box / longest;
        return new int[] {Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale))};
    }
}
