package dev.bazaar.review.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Public reads with HTTP caching: the body's hash is its {@code ETag} (a client or CDN that sends it back in
 * {@code If-None-Match} gets a 304 without the body), and {@code Cache-Control: public, max-age} lets them keep it a
 * little while without asking.
 */
final class CachedJson {

    private CachedJson() {}

    static Response of(Object body, HttpHeaders request, ObjectMapper json, Duration maxAge) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
        }
        String etag = "\"" + digest(bytes) + "\"";
        String cacheControl = "public, max-age=" + maxAge.toSeconds();
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            return Response.notModified()
                    .header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .build();
        }
        return Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .build();
    }

    /** {@code If-None-Match}: {@code *}, or a list of tags, weak ({@code W/"…"}) or strong. */
    private static boolean matches(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",", -1)) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
