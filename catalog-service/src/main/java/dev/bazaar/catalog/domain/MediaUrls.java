package dev.bazaar.catalog.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * A product image's renditions, told from its URL: an image uploaded through the catalog (POST /api/v1/seller/media)
 * is served under {@code …/media/<shop>/<digest>/<rendition>.<ext>}, so the URL of any of its renditions names the
 * other two. A product's media item that holds one of them (the {@code full} URL, as the upload answered it) carries
 * all three on the product page and in search; an image elsewhere on the web has none.
 */
public final class MediaUrls {

    private static final java.util.regex.Pattern RENDITION = java.util.regex.Pattern.compile(
            "^(https?://\\S+/media/[0-9a-f-]{36}/[0-9a-f]{64}/)(thumbnail|card|full)\\.(jpg|png)$");

    private MediaUrls() {}

    /** thumbnail, card and full URLs of an uploaded image's rendition URL; empty for any other URL. */
    public static Map<String, String> renditionsOf(String url) {
        if (url == null) {
            return Map.of();
        }
        Matcher m = RENDITION.matcher(url);
        if (!m.matches()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Rendition r : Rendition.values()) {
            out.put(r.id(), m.group(1) + r.id() + "." + m.group(3));
        }
        return out;
    }
}
