package dev.bazaar.order.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A carrier's signature on a tracking event, in the header {@value #HEADER}: {@code t=<unix seconds>,v1=<hex>}, where
 * {@code v1} is HMAC-SHA256 keyed with the carrier's secret over {@code t + "." + body} (the body byte for byte), in
 * hex. Several {@code v1} may be sent (a carrier rotating its secret signs with both): any one matching will do; other
 * keys are ignored. The timestamp must lie within the tolerance of now, either way, so a captured event cannot be
 * replayed later; the signatures are compared in constant time. Pure: the instant and the secret come in.
 */
public final class CarrierSignature {

    public static final String HEADER = "Bazaar-Carrier-Signature";

    /** What a signature check found: only VALID lets the event in. */
    public enum Verdict {
        VALID("valid"),
        MISSING("the " + HEADER + " header is missing"),
        MALFORMED("the " + HEADER + " header is not t=<unix seconds>,v1=<hex HMAC-SHA256>"),
        STALE("the " + HEADER + " timestamp is too far from now (replayed, or a clock is off)"),
        MISMATCH("the " + HEADER + " does not match this body and the carrier's secret");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        /** Why the event was refused, for the carrier (never anything of the secret). */
        public String reason() {
            return reason;
        }
    }

    private static final int MAX_TIMESTAMP_DIGITS = 12;

    private CarrierSignature() {}

    /** Checks {@code header} against {@code body} signed with {@code secret}, at {@code now} ± {@code tolerance}. */
    public static Verdict verify(String header, byte[] body, String secret, Instant now, Duration tolerance) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        String timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",", -1)) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                return Verdict.MALFORMED;
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (key.equals("t")) {
                if (timestamp != null) {
                    return Verdict.MALFORMED;
                }
                timestamp = value;
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null
                || signatures.isEmpty()
                || timestamp.isEmpty()
                || timestamp.length() > MAX_TIMESTAMP_DIGITS
                || !timestamp.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Verdict.MALFORMED;
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            return Verdict.STALE;
        }
        byte[] expected = mac(secret, timestamp, body);
        boolean match = false;
        for (String signature : signatures) {
            byte[] given = hex(signature);
            // every candidate is compared, a match or not, and each comparison takes the same time
            match |= given != null && MessageDigest.isEqual(expected, given);
        }
        return match ? Verdict.VALID : Verdict.MISMATCH;
    }

    /** The header a carrier sends for {@code body} at {@code timestamp} (unix seconds): what tests and tools sign. */
    public static String sign(byte[] body, String secret, long timestamp) {
        String t = Long.toString(timestamp);
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret, t, body));
    }

    private static byte[] mac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] hex(String s) {
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
