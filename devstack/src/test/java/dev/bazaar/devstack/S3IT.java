package dev.bazaar.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * S3Proxy alone in a private profile (own state folder, own free ports; the shared test profile is not touched): up
 * with its bucket, unsigned writes refused, a signed (AWS signature v4) write read back signed and — written
 * public-read, as catalog-service writes product images in the devstack — unsigned, reuse, reset, down.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3IT {
    private static final Set<Component> S3 = Set.of(Component.S3);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String KEY = "it/" + UUID.randomUUID() + ".txt";
    private static final byte[] BODY = "an object of the devstack's S3 API".getBytes(StandardCharsets.UTF_8);
    private static Devstack devstack;
    private static Profile profile;

    @BeforeAll
    static void isolatedProfile() throws IOException {
        Path repo = Profile.findRepoRoot();
        Path state =
                repo.resolve("devstack/target/s3-it-" + ProcessHandle.current().pid());
        Files.createDirectories(state);
        profile = Profile.isolated("s3" + ProcessHandle.current().pid(), repo, state, freePortBlock());
        devstack = new Devstack(profile, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        if (devstack != null) {
            devstack.down(S3);
        }
    }

    private static int freePortBlock() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(40000, 50000);
            boolean free = true;
            for (int p = base; p < base + 13 && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port block");
    }

    private static String base() {
        return "http://localhost:" + profile.port(Component.S3);
    }

    @Test
    @Order(1)
    void upStartsS3ProxyWithTheBucketAndRefusesUnsignedWrites() throws Exception {
        devstack.up(S3);
        assertThat(devstack.pid(Component.S3)).isPositive();
        assertThat(devstack.status(S3))
                .singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo("running"));
        assertThat(Procs.commandLine(devstack.pid(Component.S3)))
                .contains("org.gaul.s3proxy.Main", profile.marker(Component.S3));
        assertThat(profile.stateDir().resolve("s3/data").resolve(External.S3_BUCKET))
                .isDirectory();

        HttpResponse<String> unsigned = HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + "/" + External.S3_BUCKET + "/" + KEY))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(BODY))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(signed("HEAD", "/" + External.S3_BUCKET, new byte[0], External.S3_SECRET_KEY)
                        .statusCode())
                .as("the bucket exists")
                .isEqualTo(200);
        assertThat(signed("HEAD", "/" + External.S3_BUCKET, new byte[0], "not-the-secret")
                        .statusCode())
                .as("a wrong secret is refused")
                .isEqualTo(403);
    }

    @Test
    @Order(2)
    void aSignedPublicReadPutIsReadBackSignedAndByAnyone() throws Exception {
        String path = "/" + External.S3_BUCKET + "/" + KEY;
        assertThat(signed("PUT", path, BODY, External.S3_SECRET_KEY, "public-read")
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<byte[]> read = signed("GET", path, new byte[0], External.S3_SECRET_KEY);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(BODY);
        HttpResponse<byte[]> anonymous = HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).isEqualTo(BODY);
        assertThat(signed("GET", "/" + External.S3_BUCKET + "/it/none", new byte[0], External.S3_SECRET_KEY)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(3)
    void upAgainReusesTheRunningServerAndItsObjects() throws Exception {
        long pid = devstack.pid(Component.S3);
        devstack.up(S3);
        assertThat(devstack.pid(Component.S3)).isEqualTo(pid);
        assertThat(signed("GET", "/" + External.S3_BUCKET + "/" + KEY, new byte[0], External.S3_SECRET_KEY)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    @Order(4)
    void resetEmptiesTheStoreAndUpMakesTheBucketAgain() throws Exception {
        long before = devstack.pid(Component.S3);
        devstack.reset(S3);
        assertThat(devstack.pid(Component.S3)).isEqualTo(-1);
        assertThat(profile.stateDir().resolve("s3")).doesNotExist();

        devstack.up(S3);
        assertThat(devstack.pid(Component.S3)).isPositive().isNotEqualTo(before);
        assertThat(signed("HEAD", "/" + External.S3_BUCKET, new byte[0], External.S3_SECRET_KEY)
                        .statusCode())
                .isEqualTo(200);
        assertThat(signed("GET", "/" + External.S3_BUCKET + "/" + KEY, new byte[0], External.S3_SECRET_KEY)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(5)
    void downLeavesNothingListening() {
        Devstack.Record r = devstack.read(Component.S3);
        assertThat(r).isNotNull();
        devstack.down(S3);
        assertThat(r.all()).noneMatch(Procs.Pid::alive);
        assertThat(List.of(profile.port(Component.S3))).noneMatch(Procs::canConnect);
    }

    /** One request signed with AWS signature version 4 (region us-east-1, service s3), as any S3 client signs it. */
    private static HttpResponse<byte[]> signed(String method, String path, byte[] body, String secret)
            throws IOException, InterruptedException, GeneralSecurityException {
        return signed(method, path, body, secret, null);
    }

    /** ... with a canned ACL ({@code x-amz-acl}, signed like every x-amz header), or none when null. */
    private static HttpResponse<byte[]> signed(String method, String path, byte[] body, String secret, String acl)
            throws IOException, InterruptedException, GeneralSecurityException {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String amzDate = now.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        String day = amzDate.substring(0, 8);
        String payloadHash = hex(MessageDigest.getInstance("SHA-256").digest(body));
        String host = "localhost:" + profile.port(Component.S3);
        String signedHeaders =
                acl == null ? "host;x-amz-content-sha256;x-amz-date" : "host;x-amz-acl;x-amz-content-sha256;x-amz-date";
        String headers = "host:" + host + "\n" + (acl == null ? "" : "x-amz-acl:" + acl + "\n")
                + "x-amz-content-sha256:" + payloadHash + "\n" + "x-amz-date:" + amzDate + "\n";
        String canonical = String.join("\n", method, path, "", headers, signedHeaders, payloadHash);
        String scope = day + "/us-east-1/s3/aws4_request";
        String toSign = String.join(
                "\n",
                "AWS4-HMAC-SHA256",
                amzDate,
                scope,
                hex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8))));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, "us-east-1");
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, toSign));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .header("x-amz-date", amzDate)
                .header("x-amz-content-sha256", payloadHash)
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=" + External.S3_ACCESS_KEY + "/" + scope + ", SignedHeaders="
                                + signedHeaders + ", Signature=" + signature);
        if (acl != null) {
            b.header("x-amz-acl", acl);
        }
        b = switch (method) {
            case "PUT" -> b.PUT(HttpRequest.BodyPublishers.ofByteArray(body));
            case "HEAD" -> b.method("HEAD", HttpRequest.BodyPublishers.noBody());
            default -> b.GET();
        };
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
