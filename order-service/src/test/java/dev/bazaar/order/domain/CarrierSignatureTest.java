package dev.bazaar.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.order.domain.CarrierSignature.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A carrier's signature: HMAC-SHA256 over {@code t + "." + body}, within 5 minutes of now, compared in constant time. */
class CarrierSignatureTest {

    static final String SECRET = "carrier_test_test_secret";
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    static final long T = 1_795_774_530L;
    static final Instant NOW = Instant.ofEpochSecond(T);
    static final byte[] BODY = ("{\"id\":\"evt_1\",\"trackingNumber\":\"1Z999\",\"status\":\"DELIVERED\","
                    + "\"occurredAt\":\"2026-11-24T10:15:30Z\"}")
            .getBytes(StandardCharsets.UTF_8);
    /** {@code printf '%s' "$t.$body" | openssl dgst -sha256 -hmac "$secret"}: what the README's one-liner computes. */
    static final String OPENSSL = "55a9da15341d707f98715275c89223a7d2f1d0da186d0318412efe68882224b3";

    static Verdict verify(String header) {
        return CarrierSignature.verify(header, BODY, SECRET, NOW, TOLERANCE);
    }

    @Test
    void aSignatureAsOpensslComputesItIsValid() {
        assertThat(CarrierSignature.sign(BODY, SECRET, T)).isEqualTo("t=" + T + ",v1=" + OPENSSL);
        assertThat(verify("t=" + T + ",v1=" + OPENSSL)).isEqualTo(Verdict.VALID);
        // spaces around the parts, upper-case hex, keys in another order, other schemes alongside
        assertThat(verify(" v1=" + OPENSSL.toUpperCase(Locale.ROOT) + " , t=" + T + ",v0=abc"))
                .isEqualTo(Verdict.VALID);
        // a carrier rotating its secret sends two signatures: one matching is enough
        assertThat(verify("t=" + T + ",v1=" + "00".repeat(32) + ",v1=" + OPENSSL))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void anotherBodySecretOrTimestampDoesNotMatch() {
        byte[] changed = new String(BODY, StandardCharsets.UTF_8)
                .replace("1Z999", "1Z998")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(CarrierSignature.verify("t=" + T + ",v1=" + OPENSSL, changed, SECRET, NOW, TOLERANCE))
                .isEqualTo(Verdict.MISMATCH);
        assertThat(CarrierSignature.verify("t=" + T + ",v1=" + OPENSSL, BODY, "another_secret", NOW, TOLERANCE))
                .isEqualTo(Verdict.MISMATCH);
        // the timestamp is signed: moving it (to pass the replay check) breaks the signature
        assertThat(verify("t=" + (T + 60) + ",v1=" + OPENSSL)).isEqualTo(Verdict.MISMATCH);
        assertThat(verify("t=" + T + ",v1=" + OPENSSL.substring(2))).isEqualTo(Verdict.MISMATCH);
        assertThat(verify("t=" + T + ",v1=not-hex")).isEqualTo(Verdict.MISMATCH);
        assertThat(verify("t=" + T + ",v1=")).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void aTimestampMoreThanFiveMinutesFromNowIsStaleEitherWay() {
        assertThat(CarrierSignature.verify(CarrierSignature.sign(BODY, SECRET, T - 300), BODY, SECRET, NOW, TOLERANCE))
                .isEqualTo(Verdict.VALID);
        assertThat(CarrierSignature.verify(CarrierSignature.sign(BODY, SECRET, T - 301), BODY, SECRET, NOW, TOLERANCE))
                .isEqualTo(Verdict.STALE);
        assertThat(CarrierSignature.verify(CarrierSignature.sign(BODY, SECRET, T + 301), BODY, SECRET, NOW, TOLERANCE))
                .isEqualTo(Verdict.STALE);
        assertThat(CarrierSignature.verify(CarrierSignature.sign(BODY, SECRET, 0), BODY, SECRET, NOW, TOLERANCE))
                .isEqualTo(Verdict.STALE);
    }

    @Test
    void aMissingOrMalformedHeaderIsRefused() {
        assertThat(verify(null)).isEqualTo(Verdict.MISSING);
        assertThat(verify(" ")).isEqualTo(Verdict.MISSING);
        assertThat(verify(OPENSSL)).isEqualTo(Verdict.MALFORMED);
        assertThat(verify("v1=" + OPENSSL)).isEqualTo(Verdict.MALFORMED);
        assertThat(verify("t=" + T)).isEqualTo(Verdict.MALFORMED);
        assertThat(verify("t=" + T + ",t=" + T + ",v1=" + OPENSSL)).isEqualTo(Verdict.MALFORMED);
        assertThat(verify("t=-5,v1=" + OPENSSL)).isEqualTo(Verdict.MALFORMED);
        assertThat(verify("t=1e9,v1=" + OPENSSL)).isEqualTo(Verdict.MALFORMED);
        assertThat(verify("t=99999999999999999999,v1=" + OPENSSL)).isEqualTo(Verdict.MALFORMED);
        assertThat(verify("t=,v1=" + OPENSSL)).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void aRefusalSaysWhyWithoutTheSecret() {
        for (Verdict v : Verdict.values()) {
            assertThat(v.reason()).doesNotContain(SECRET);
        }
        assertThat(Verdict.STALE.reason()).contains("timestamp");
    }

    @Test
    void aParcelIsFoundByCarrierAndNumberAsTypedOrSent() {
        assertThat(TrackingKey.of(" UPS ", "1z 999\taa"))
                .isEqualTo(TrackingKey.of("ups", "1Z999AA"))
                .isEqualTo(new TrackingKey("ups", "1Z999AA"));
    }
}
