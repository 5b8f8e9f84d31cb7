package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Product media (#26) through the real S3 API of the test devstack (S3Proxy): real image files made by
 * {@link TestImages}, every rendition read back from the bucket and decoded.
 */
@QuarkusTest
class SellerMediaTest {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    @Inject
    Pool pool;

    @Inject
    S3AsyncClient s3;

    @ConfigProperty(name = "bazaar.s3.bucket")
    String bucket;

    @ConfigProperty(name = "bazaar.s3.public-base-url")
    String publicBase;

    UUID bobsShop;

    @BeforeEach
    void givenBobAndSamHaveShops() {
        pool.query("TRUNCATE shop CASCADE").execute().await().indefinitely();
        for (String seller : List.of("bob", "sam")) {
            given().auth()
                    .oauth2(KeycloakTokens.user(seller))
                    .contentType("application/json")
                    .body(Map.of(
                            "name",
                            seller + "'s shop",
                            "slug",
                            seller + "-" + UUID.randomUUID().toString().substring(0, 8),
                            "country",
                            "US"))
                    .when()
                    .post("/api/v1/seller/shop")
                    .then()
                    .statusCode(201);
        }
        bobsShop = UUID.fromString(given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/seller/shop")
                .then()
                .statusCode(200)
                .extract()
                .path("id"));
    }

    @Test
    void aJpegIsStoredAsThreeRenditionsWithImmutableCacheHeadersReadableAtTheirPublicUrls() throws Exception {
        ValidatableResponse r = upload("bob", TestImages.jpeg(2400, 1800), "photo.jpg", "image/jpeg")
                .statusCode(201)
                .header("Location", containsString("/api/v1/seller/media/"))
                .body("contentType", equalTo("image/jpeg"))
                .body("width", equalTo(2400))
                .body("height", equalTo(1800));
        Map<String, Map<String, Object>> renditions = r.extract().path("renditions");
        assertThat(renditions).containsOnlyKeys("thumbnail", "card", "full");
        assertThat(size(renditions.get("thumbnail"))).containsExactly(200, 150);
        assertThat(size(renditions.get("card"))).containsExactly(600, 450);
        assertThat(size(renditions.get("full"))).containsExactly(1600, 1200);
        for (Map<String, Object> rendition : renditions.values()) {
            String url = (String) rendition.get("url");
            assertThat(url).startsWith(publicBase + "/media/" + bobsShop + "/");
            ResponseBytes<GetObjectResponse> object = get(key(url));
            assertThat(object.response().cacheControl()).isEqualTo(IMMUTABLE);
            assertThat(object.response().contentType()).isEqualTo("image/jpeg");
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(object.asByteArray()));
            assertThat(List.of(decoded.getWidth(), decoded.getHeight())).isEqualTo(size(rendition));
            // the bucket is public-read: what a browser (or the CDN in front of it) gets from the URL
            HttpResponse<byte[]> browser = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(browser.statusCode()).isEqualTo(200);
            assertThat(browser.body()).isEqualTo(object.asByteArray());
        }
    }

    @Test
    void aPngWithTransparencyStaysPngAndASmallImageIsNeverEnlarged() throws Exception {
        Map<String, Map<String, Object>> renditions = upload("bob", TestImages.png(800, 600), "logo.png", "image/png")
                .statusCode(201)
                .body("contentType", equalTo("image/png"))
                .body("width", equalTo(800))
                .extract()
                .path("renditions");
        assertThat(size(renditions.get("card"))).containsExactly(600, 450);
        assertThat(size(renditions.get("full"))).containsExactly(800, 600);
        for (Map<String, Object> rendition : renditions.values()) {
            assertThat(rendition.get("contentType")).isEqualTo("image/png");
            byte[] bytes = get(key((String) rendition.get("url"))).asByteArray();
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(decoded.getColorModel().hasAlpha()).isTrue();
            assertThat(decoded.getRGB(decoded.getWidth() / 2, decoded.getHeight() / 2) >>> 24)
                    .as("the transparent disc is still transparent")
                    .isZero();
        }
    }

    @Test
    void aWebpIsAccepted() throws Exception {
        byte[] webp = TestImages.webp(64, 48);
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(webp));
        assertThat(original).as("the test's own WebP decodes").isNotNull();
        assertThat(original.getRGB(0, 0) & 0xffffff).isEqualTo(0x5000a0);
        Map<String, Map<String, Object>> renditions = upload("bob", webp, "pattern.webp", "image/webp")
                .statusCode(201)
                .body("contentType", equalTo("image/webp"))
                .body("width", equalTo(64))
                .body("height", equalTo(48))
                .extract()
                .path("renditions");
        BufferedImage full = ImageIO.read(new ByteArrayInputStream(
                get(key((String) renditions.get("full").get("url"))).asByteArray()));
        assertThat(List.of(full.getWidth(), full.getHeight())).containsExactly(64, 48);
        int pixel = full.getRGB(1, 1);
        assertThat((pixel >> 16) & 0xff).as("red").isBetween(70, 90);
        assertThat(pixel & 0xff).as("blue").isBetween(150, 170);
    }

    @Test
    void exifWithAGpsPositionIsInTheUploadAndInNoRendition() {
        byte[] upload = TestImages.jpegWithGps(1200, 900);
        assertThat(TestImages.jpegMarkers(upload)).contains(0xe1);
        assertThat(new String(upload, StandardCharsets.ISO_8859_1)).contains("Exif", TestImages.EXIF_MARKER);

        Map<String, Map<String, Object>> renditions = upload("bob", upload, "IMG_0001.JPG", "image/jpeg")
                .statusCode(201)
                .extract()
                .path("renditions");
        assertThat(renditions).hasSize(3);
        for (Map<String, Object> rendition : renditions.values()) {
            byte[] stored = get(key((String) rendition.get("url"))).asByteArray();
            assertThat(TestImages.jpegMarkers(stored))
                    .as("no APP1 (EXIF/XMP) segment")
                    .doesNotContain(0xe1)
                    .contains(0xda);
            String text = new String(stored, StandardCharsets.ISO_8859_1);
            assertThat(text)
                    .doesNotContain("Exif")
                    .doesNotContain(TestImages.EXIF_MARKER)
                    .doesNotContain("MM\0*");
        }
    }

    @Test
    void aPngBombIsRefusedFromItsHeaderAndNothingIsStored() {
        byte[] bomb = TestImages.pngBomb(30_000, 30_000);
        assertThat(bomb.length).as("small on disk").isLessThan(200_000);

        upload("bob", bomb, "bomb.png", "image/png")
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("file"))
                .body("violations[0].message", containsString("30000 × 30000 pixels"));
        assertNothingStoredForBob();
    }

    @Test
    void htmlNamedJpgIsRefusedWhateverItsNameAndDeclaredType() {
        byte[] html =
                "<!doctype html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        upload("bob", html, "photo.jpg", "image/jpeg")
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("file"))
                .body("violations[0].message", containsString("not a JPEG, PNG or WebP"));
        // a real JPEG header with nothing decodable after it
        byte[] truncated = java.util.Arrays.copyOf(TestImages.jpeg(640, 480), 700);
        upload("bob", truncated, "cut.jpg", "image/jpeg").statusCode(400).body("violations[0].field", equalTo("file"));
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .multiPart("other", "x")
                .when()
                .post("/api/v1/seller/media")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("file"));
        assertNothingStoredForBob();
    }

    @Test
    void deletingMediaRemovesEveryRenditionFromTheBucket() {
        String id = upload("bob", TestImages.jpeg(900, 900), "square.jpg", "image/jpeg")
                .statusCode(201)
                .extract()
                .path("id");
        List<String> keys = keysOf("bob", id);
        assertThat(keys)
                .hasSize(3)
                .allSatisfy(k -> assertThat(get(k).asByteArray()).isNotEmpty());

        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .delete("/api/v1/seller/media/" + id)
                .then()
                .statusCode(204);
        for (String k : keys) {
            assertThatThrownBy(() -> get(k)).hasCauseInstanceOf(NoSuchKeyException.class);
        }
        assertThat(list("media/" + bobsShop + "/")).isEmpty();
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/seller/media/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .delete("/api/v1/seller/media/" + id)
                .then()
                .statusCode(404);
    }

    @Test
    void theSameImageUploadedTwiceIsOneMedia() {
        byte[] jpeg = TestImages.jpeg(500, 400);
        String first = upload("bob", jpeg, "a.jpg", "image/jpeg")
                .statusCode(201)
                .extract()
                .path("id");
        String second = upload("bob", jpeg, "b.jpg", "image/jpeg")
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(second).isEqualTo(first);
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void onlySellersUploadAndAnotherShopsMediaIsNotFound() {
        byte[] jpeg = TestImages.jpeg(300, 200);
        upload("alice", jpeg, "a.jpg", "image/jpeg").statusCode(403);
        upload("admin", jpeg, "a.jpg", "image/jpeg").statusCode(403);
        given().multiPart("file", "a.jpg", jpeg, "image/jpeg")
                .when()
                .post("/api/v1/seller/media")
                .then()
                .statusCode(401);

        String id = upload("bob", jpeg, "a.jpg", "image/jpeg")
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .when()
                .get("/api/v1/seller/media/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .when()
                .delete("/api/v1/seller/media/" + id)
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .delete("/api/v1/seller/media/" + id)
                .then()
                .statusCode(403);
        assertThat(keysOf("bob", id))
                .hasSize(3)
                .allSatisfy(k -> assertThat(get(k).asByteArray()).isNotEmpty());
    }

    @Test
    void aProductWhoseImageWasUploadedCarriesItsRenditionsOnItsPagesAndInSearch() {
        Map<String, Map<String, Object>> renditions = upload(
                        "bob", TestImages.jpeg(1800, 1200), "mug.jpg", "image/jpeg")
                .statusCode(201)
                .extract()
                .path("renditions");
        String full = (String) renditions.get("full").get("url");
        String shopSlug = given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/seller/shop")
                .then()
                .extract()
                .path("slug");
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/shops/" + bobsShop + "/approve")
                .then()
                .statusCode(200);
        String category = pool.query("SELECT id FROM category WHERE path = 'fashion/shoes/sneakers'")
                .execute()
                .map(r -> r.iterator().next().getUUID(0).toString())
                .await()
                .indefinitely();
        String title = "Glazed mug " + UUID.randomUUID().toString().substring(0, 8);
        String id = given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of(
                        "title",
                        title,
                        "categoryId",
                        category,
                        "media",
                        List.of(
                                Map.of("url", full, "alt", "a glazed mug"),
                                Map.of("url", "https://images.example.com/mug-side.jpg", "alt", "its side")),
                        "variants",
                        List.of(Map.of(
                                "sku",
                                "MUG-" + UUID.randomUUID().toString().substring(0, 6),
                                "price",
                                Map.of("amount", 1800, "currency", "USD"),
                                "stock",
                                5,
                                "weightGrams",
                                400))))
                .when()
                .post("/api/v1/seller/products")
                .then()
                .statusCode(201)
                .body(
                        "media[0].renditions.thumbnail",
                        equalTo(renditions.get("thumbnail").get("url")))
                .body("media[0].renditions.card", equalTo(renditions.get("card").get("url")))
                .body("media[0].renditions.full", equalTo(full))
                .body("media[1].renditions.size()", equalTo(0))
                .extract()
                .path("id");
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .post("/api/v1/seller/products/" + id + "/submit")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/products/" + id + "/approve")
                .then()
                .statusCode(200);

        given().when()
                .get("/api/v1/products/" + id)
                .then()
                .statusCode(200)
                .body("media[0].renditions.card", equalTo(renditions.get("card").get("url")));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .untilAsserted(() -> given().when()
                        .get("/api/v1/products?shop=" + shopSlug)
                        .then()
                        .statusCode(200)
                        .body("items.size()", equalTo(1))
                        .body(
                                "items[0].image.thumbnail",
                                equalTo(renditions.get("thumbnail").get("url")))
                        .body(
                                "items[0].image.card",
                                equalTo(renditions.get("card").get("url")))
                        .body("items[0].image.alt", equalTo("a glazed mug")));
    }

    // ------------------------------------------------------------------ helpers

    private static ValidatableResponse upload(String user, byte[] bytes, String name, String type) {
        return given().auth()
                .oauth2(KeycloakTokens.user(user))
                .multiPart("file", name, bytes, type)
                .when()
                .post("/api/v1/seller/media")
                .then();
    }

    private static List<Integer> size(Map<String, Object> rendition) {
        return List.of((Integer) rendition.get("width"), (Integer) rendition.get("height"));
    }

    private String key(String url) {
        assertThat(url).startsWith(publicBase + "/");
        return url.substring(publicBase.length() + 1);
    }

    private List<String> keysOf(String user, String id) {
        Map<String, Map<String, Object>> renditions = given().auth()
                .oauth2(KeycloakTokens.user(user))
                .when()
                .get("/api/v1/seller/media/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("renditions");
        return renditions.values().stream().map(r -> key((String) r.get("url"))).toList();
    }

    private ResponseBytes<GetObjectResponse> get(String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toBytes())
                .join();
    }

    private List<String> list(String prefix) {
        return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).join().contents().stream()
                .map(S3Object::key)
                .toList();
    }

    private long count() {
        return pool.preparedQuery("SELECT count(*) FROM media WHERE shop_id = $1")
                .execute(Tuple.of(bobsShop))
                .map(r -> r.iterator().next().getLong(0))
                .await()
                .indefinitely();
    }

    private void assertNothingStoredForBob() {
        assertThat(count()).isZero();
        assertThat(list("media/" + bobsShop + "/")).isEmpty();
    }
}
