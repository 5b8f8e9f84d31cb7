package dev.bazaar.portal.rest;

import static dev.bazaar.portal.ServiceStubs.Service.CATALOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import dev.bazaar.portal.ServiceStubs;
import dev.bazaar.portal.SignedIn;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A product's images on its page (#26): the seller uploads one through the catalog (the bytes go on as
 * multipart/form-data, then the product's media list gets the image's full rendition with its alt text), orders them,
 * removes one, changes an alt text. What the catalog refuses is shown next to the form and nothing changes; a page
 * shown before the images changed cannot move or remove the wrong one. Sellers only.
 */
@QuarkusTest
class ProductImagesPageTest {

    static final String PRODUCT = "/api/v1/seller/products/" + Fixtures.PRODUCT_ID;
    static final String MEDIA = "/api/v1/seller/media";
    static final String PAGE = "/products/" + Fixtures.PRODUCT_ID;
    static final String BASE = "http://localhost:19000/bazaar-media/media/" + Fixtures.SHOP_ID + "/";
    static final String A = BASE + "a".repeat(64) + "/full.jpg";
    static final String B = BASE + "b".repeat(64) + "/full.jpg";
    static final String C = "https://images.example.com/mug-c.jpg";

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/categories", 200, Fixtures.CATEGORIES);
    }

    /** The catalog's media item: an uploaded image (its renditions named by the URL) or one elsewhere on the web. */
    static String image(String url, String alt) {
        String renditions = url.startsWith(BASE)
                ? """
                {"thumbnail":"%s","card":"%s","full":"%s"}""".formatted(url.replace("full", "thumbnail"), url.replace("full", "card"), url)
                : "{}";
        return "{\"url\":" + Fixtures.json(url) + ",\"alt\":" + Fixtures.json(alt) + ",\"renditions\":" + renditions
                + "}";
    }

    static String product(String status, String... images) {
        return Fixtures.product(status).replace("\"media\":[]", "\"media\":[" + String.join(",", images) + "]");
    }

    static String media(String... items) {
        return "{\"media\":[" + String.join(",", items) + "]}";
    }

    static String item(String url, String alt) {
        return "{\"url\":" + Fixtures.json(url) + ",\"alt\":" + Fixtures.json(alt) + "}";
    }

    static String uploaded(String full) {
        String r = """
                {"url":"%s","contentType":"image/jpeg","width":%d,"height":%d}""";
        return """
                {"id":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","contentType":"image/jpeg","width":3000,"height":2000,
                 "renditions":{"thumbnail":%s,"card":%s,"full":%s}}""".formatted(
                        r.formatted(full.replace("full", "thumbnail"), 200, 133),
                        r.formatted(full.replace("full", "card"), 600, 400),
                        r.formatted(full, 1600, 1067));
    }

    @Test
    void anUploadGoesToTheCatalogAsMultipartAndTheImageIsAddedLast() {
        ServiceStubs.answer(CATALOG, "GET", PRODUCT, 200, product("DRAFT", image(A, "Blue mug, front")));
        SignedIn.as("bob")
                .get(PAGE)
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<img src=\"" + A.replace("full", "thumbnail") + "\" alt=\"Blue mug, front\""),
                        containsString("<form method=\"post\" action=\"" + PAGE + "/images#images\" "
                                + "enctype=\"multipart/form-data\""),
                        containsString("id=\"image-preview\""),
                        containsString("action=\"" + PAGE + "/images/1/remove#images\""),
                        not(containsString("id=\"image-up-1\"")),
                        not(containsString("id=\"image-down-1\""))));

        byte[] bytes = "stand-in for a JPEG's bytes: 0123456789".getBytes(StandardCharsets.US_ASCII);
        ServiceStubs.answer(CATALOG, "POST", MEDIA, 201, uploaded(B));
        ServiceStubs.answer(
                CATALOG,
                "PATCH",
                PRODUCT,
                200,
                product("DRAFT", image(A, "Blue mug, front"), image(B, "Blue mug, handle")));
        SignedIn.upload("bob", PAGE)
                .multiPart("file", "my mug.jpg", bytes, "image/jpeg")
                .multiPart("alt", "Blue mug, handle")
                .post(PAGE + "/images")
                .then()
                .statusCode(303)
                .header("Location", endsWith(PAGE + "#images"));

        ServiceStubs.Seen upload = ServiceStubs.seen(CATALOG, "POST", MEDIA);
        assertThat(upload.contentType()).startsWith("multipart/form-data; boundary=");
        assertThat(upload.authorization()).startsWith("Bearer ey");
        assertThat(upload.body())
                .contains("name=\"file\"")
                .contains("filename=\"my_mug.jpg\"")
                .contains("stand-in for a JPEG's bytes: 0123456789");
        assertThat(ServiceStubs.seen(CATALOG, "PATCH", PRODUCT).body())
                .isEqualTo(media(item(A, "Blue mug, front"), item(B, "Blue mug, handle")));
    }

    @Test
    void anUploadTheCatalogRefusesShowsWhyAndChangesNothing() {
        ServiceStubs.answer(CATALOG, "GET", PRODUCT, 200, product("DRAFT"));
        SignedIn.as("bob").get(PAGE).then().statusCode(200).body(containsString("id=\"no-images\""));
        ServiceStubs.answer(CATALOG, "POST", MEDIA, 400, """
                {"type":"https://bazaar.dev/problems/invalid","title":"Bad Request","status":400,
                 "detail":"The request is invalid.","violations":[{"field":"file",
                 "message":"is not a JPEG, PNG or WebP image (its bytes say otherwise, whatever its name)"}]}""");
        SignedIn.upload("bob", PAGE)
                .multiPart("file", "page.jpg", "<html>hi</html>".getBytes(StandardCharsets.UTF_8), "image/jpeg")
                .multiPart("alt", "Not a mug")
                .post(PAGE + "/images")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString(
                                "<p class=\"error\" role=\"alert\" id=\"image-error\">The image was not "
                                        + "taken: is not a JPEG, PNG or WebP image (its bytes say otherwise, whatever its name)</p>"),
                        containsString("id=\"image-alt\" name=\"alt\" value=\"Not a mug\"")));
        assertThat(ServiceStubs.seen(CATALOG, "POST", MEDIA)).isNotNull();
        assertThat(ServiceStubs.seen(CATALOG, "PATCH", PRODUCT)).isNull();

        ServiceStubs.answer(CATALOG, "POST", MEDIA, 400, """
                {"type":"https://bazaar.dev/problems/invalid","title":"Bad Request","status":400,
                 "detail":"The request is invalid.","violations":[{"field":"file",
                 "message":"is 30000 × 30000 pixels: at most 8000 a side and 25 megapixels"}]}""");
        SignedIn.upload("bob", PAGE)
                .multiPart("file", "bomb.png", new byte[] {1, 2, 3}, "image/png")
                .multiPart("alt", "Huge")
                .post(PAGE + "/images")
                .then()
                .statusCode(400)
                .body(containsString("is 30000 × 30000 pixels: at most 8000 a side and 25 megapixels"));
        assertThat(ServiceStubs.seen(CATALOG, "PATCH", PRODUCT)).isNull();
    }

    @Test
    void withoutAFileOrAltTextNothingIsUploaded() {
        ServiceStubs.answer(CATALOG, "GET", PRODUCT, 200, product("DRAFT"));
        SignedIn.upload("bob", PAGE)
                .multiPart("file", "mug.jpg", "bytes".getBytes(StandardCharsets.US_ASCII), "image/jpeg")
                .multiPart("alt", " ")
                .post(PAGE + "/images")
                .then()
                .statusCode(400)
                .body(containsString("Describe the image in a few words (alt text)"));
        SignedIn.upload("bob", PAGE)
                .multiPart("file", "", new byte[0], "application/octet-stream")
                .multiPart("alt", "A mug")
                .post(PAGE + "/images")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("Choose an image file (JPEG, PNG or WebP)."),
                        containsString("value=\"A mug\"")));
        assertThat(ServiceStubs.seen(CATALOG, "POST", MEDIA)).isNull();
        assertThat(ServiceStubs.seen(CATALOG, "PATCH", PRODUCT)).isNull();
    }

    @Test
    void theSellerReordersRemovesAndDescribesImagesAndEachChangeSendsTheWholeList() {
        ServiceStubs.answer(
                CATALOG,
                "GET",
                PRODUCT,
                200,
                product("DRAFT", image(A, "Front"), image(B, "Handle"), image(C, "Side")));
        ServiceStubs.answer(CATALOG, "PATCH", PRODUCT, 200, product("DRAFT"));
        SignedIn.as("bob")
                .get(PAGE)
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<img src=\"" + C + "\" alt=\"Side\""),
                        containsString("id=\"image-down-1\""),
                        containsString("id=\"image-up-3\""),
                        not(containsString("id=\"image-down-3\""))));

        SignedIn.form("bob", PAGE)
                .formParam("url", A)
                .post(PAGE + "/images/1/down")
                .then()
                .statusCode(303);
        assertThat(ServiceStubs.seen(CATALOG, "PATCH", PRODUCT).body())
                .isEqualTo(media(item(B, "Handle"), item(A, "Front"), item(C, "Side")));

        SignedIn.form("bob", PAGE)
                .formParam("url", C)
                .post(PAGE + "/images/3/up")
                .then()
                .statusCode(303);
        assertThat(ServiceStubs.seen(CATALOG, "PATCH", PRODUCT).body())
                .isEqualTo(media(item(A, "Front"), item(C, "Side"), item(B, "Handle")));

        SignedIn.form("bob", PAGE)
                .formParam("url", B)
                .post(PAGE + "/images/2/remove")
                .then()
                .statusCode(303);
        assertThat(ServiceStubs.seen(CATALOG, "PATCH", PRODUCT).body())
                .isEqualTo(media(item(A, "Front"), item(C, "Side")));

        SignedIn.form("bob", PAGE)
                .formParam("url", C)
                .formParam("alt", "  Side, with the glaze  ")
                .post(PAGE + "/images/3/alt")
                .then()
                .statusCode(303);
        assertThat(ServiceStubs.seen(CATALOG, "PATCH", PRODUCT).body())
                .isEqualTo(media(item(A, "Front"), item(B, "Handle"), item(C, "Side, with the glaze")));
    }

    @Test
    void aPageShownBeforeTheImagesChangedCannotMoveOrRemoveTheWrongOne() {
        ServiceStubs.answer(CATALOG, "GET", PRODUCT, 200, product("DRAFT", image(A, "Front"), image(B, "Handle")));
        SignedIn.form("bob", PAGE)
                .formParam("url", B)
                .post(PAGE + "/images/1/remove")
                .then()
                .statusCode(409)
                .body(containsString("The images changed meanwhile"));
        SignedIn.form("bob", PAGE)
                .formParam("url", A)
                .post(PAGE + "/images/7/down")
                .then()
                .statusCode(409);
        SignedIn.form("bob", PAGE)
                .formParam("url", A)
                .post(PAGE + "/images/1/up")
                .then()
                .statusCode(400)
                .body(containsString("This image is already the first."));
        SignedIn.form("bob", PAGE)
                .formParam("url", A)
                .formParam("alt", "")
                .post(PAGE + "/images/1/alt")
                .then()
                .statusCode(400)
                .body(containsString("Describe the image in a few words (alt text)"));
        assertThat(ServiceStubs.seen(CATALOG, "PATCH", PRODUCT)).isNull();
    }

    @Test
    void onALiveProductTheImagesWaitingForReviewAreTheOnesEdited() {
        ServiceStubs.answer(CATALOG, "GET", PRODUCT, 200, product("ACTIVE", image(A, "Front")));
        ServiceStubs.answer(CATALOG, "GET", PRODUCT + "/revision", 200, """
                {"productId":"%s","shopId":"%s","status":"PENDING","submittedAt":"2026-12-05T10:00:00Z",
                 "decidedAt":null,"reason":null,"changed":["media"],
                 "live":{"title":"Stoneware mug","description":"","categoryId":null,"brand":null,"tags":[],
                   "attributes":{},"media":[%s]},
                 "proposed":{"title":"Stoneware mug","description":"","categoryId":null,"brand":null,"tags":[],
                   "attributes":{},"media":[%s,%s]}}""".formatted(
                Fixtures.PRODUCT_ID, Fixtures.SHOP_ID, image(A, "Front"), image(A, "Front"), image(B, "Handle")));
        SignedIn.as("bob")
                .get(PAGE)
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("id=\"images-pending\""),
                        containsString("id=\"image-2\""),
                        containsString("<tr class=\"change-media\"><th scope=\"row\">Images</th>")));

        ServiceStubs.answer(CATALOG, "PATCH", PRODUCT, 202, "{}");
        SignedIn.form("bob", PAGE)
                .formParam("url", B)
                .post(PAGE + "/images/2/up")
                .then()
                .statusCode(303);
        assertThat(ServiceStubs.seen(CATALOG, "PATCH", PRODUCT).body())
                .isEqualTo(media(item(B, "Handle"), item(A, "Front")));
    }

    @Test
    void aBuyerOrAnAdministratorCannotChangeAProductsImages() {
        ServiceStubs.answer(CATALOG, "GET", PRODUCT, 200, product("DRAFT", image(A, "Front"), image(B, "Handle")));
        ServiceStubs.answer(CATALOG, "POST", MEDIA, 201, uploaded(B));
        ServiceStubs.answer(CATALOG, "PATCH", PRODUCT, 200, product("DRAFT"));
        for (String user : new String[] {"alice", "admin"}) {
            SignedIn.upload(user, "bob", PAGE)
                    .multiPart("file", "mug.jpg", "bytes".getBytes(StandardCharsets.US_ASCII), "image/jpeg")
                    .multiPart("alt", "A mug")
                    .post(PAGE + "/images")
                    .then()
                    .statusCode(403)
                    .body(containsString("This part of the portal is for sellers."));
            SignedIn.form(user, "bob", PAGE)
                    .formParam("url", A)
                    .post(PAGE + "/images/1/remove")
                    .then()
                    .statusCode(403)
                    .body(containsString("This part of the portal is for sellers."));
            SignedIn.form(user, "bob", PAGE)
                    .formParam("url", A)
                    .formParam("alt", "x")
                    .post(PAGE + "/images/1/alt")
                    .then()
                    .statusCode(403)
                    .body(containsString("This part of the portal is for sellers."));
        }
        assertThat(ServiceStubs.seen(CATALOG, "POST", MEDIA)).isNull();
        assertThat(ServiceStubs.seen(CATALOG, "PATCH", PRODUCT)).isNull();
    }
}
