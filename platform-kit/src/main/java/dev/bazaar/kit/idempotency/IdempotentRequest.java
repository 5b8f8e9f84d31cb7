package dev.bazaar.kit.idempotency;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bazaar.kit.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One request under an {@code Idempotency-Key}: the key is scoped to (caller, method, route template), so two callers
 * never share a key and one caller's key on another route is a different key. {@code bodyHash} tells a true repeat
 * from a reuse of the key with another body.
 */
public record IdempotentRequest(String caller, String method, String route, String key, String bodyHash) {

    public static final String HEADER = "Idempotency-Key";

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    /** Validates the key (1–255 visible ASCII characters) and hashes the body canonically. */
    public static IdempotentRequest of(String caller, String method, String route, String key, Object body) {
        if (key == null || key.isBlank()) {
            throw new ProblemException(
                    "idempotency-key-required",
                    "Idempotency-Key required",
                    400,
                    "This request moves money or stock: send an Idempotency-Key header.");
        }
        if (key.length() > 255 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new ProblemException(
                    "idempotency-key-invalid",
                    "Invalid Idempotency-Key",
                    400,
                    "An Idempotency-Key is 1 to 255 visible ASCII characters.");
        }
        return new IdempotentRequest(caller, method, route, key, hash(body));
    }

    public String scope() {
        return caller + ' ' + method + ' ' + route;
    }

    static String hash(Object body) {
        try {
            byte[] bytes = body == null
                    ? new byte[0]
                    : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : CANONICAL.writeValueAsBytes(body);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot hash request body", e);
        }
    }
}
