package dev.bazaar.portal.rest;

import static dev.bazaar.portal.ServiceStubs.Service.REVIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import dev.bazaar.portal.ServiceStubs;
import dev.bazaar.portal.SignedIn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reviews of the seller's shops (review-service's seller list, with the seller's token): stars, the buyer's words,
 * the date buyers see, where each stands and the seller's answer, with a form to answer or rewrite it; sellers only.
 */
@QuarkusTest
class ReviewsPageTest {

    static final String LIST = "/api/v1/seller/reviews";
    static final String REPLY = LIST + "/" + Fixtures.REVIEW_ID + "/reply";
    static final String SHOP_REVIEW_ID = "5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c";
    static final String HELD_ID = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d";

    /** Bob's three reviews: the mug's (published, not answered), the shop's (answered), and one held (PENDING). */
    static void bobsReviews() {
        ServiceStubs.answer(
                REVIEW,
                "GET",
                LIST,
                200,
                Fixtures.reviews(
                        3,
                        null,
                        Fixtures.review(
                                Fixtures.REVIEW_ID,
                                4,
                                "PUBLISHED",
                                "Solid mug",
                                "Keeps my tea hot & the handle's <big>.",
                                null),
                        Fixtures.shopReview(SHOP_REVIEW_ID, 5, "Quick answers, parcel took a week."),
                        Fixtures.review(HELD_ID, 1, "PENDING", "Meh", "Cheaper elsewhere.", null)));
    }

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    @Test
    void bobSeesHisShopsReviewsWithStarsWordsDateStatusAndAnAnswerFormForThePublishedOnes() {
        bobsReviews();
        SignedIn.as("bob")
                .get("/reviews")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<a href=\"/reviews\">Reviews</a>"),
                        containsString("<p class=\"muted\" id=\"review-total\">3 review(s)"),
                        containsString("<section class=\"card review\" id=\"review-" + Fixtures.REVIEW_ID + "\">"),
                        containsString(
                                "<span class=\"stars\" aria-label=\"4 of 5 stars\" title=\"4 of 5 stars\">★★★★☆</span>"),
                        containsString("<strong>Solid mug</strong> · <a href=\"/products/" + Fixtures.PRODUCT_ID
                                + "\">product</a>"),
                        containsString("<blockquote class=\"review-body\">Keeps my tea hot &amp; the handle&#39;s "
                                + "&lt;big&gt;.</blockquote>"),
                        containsString(
                                "2026-12-02 · <span class=\"review-status\">Published</span> · order <a href=\"/orders/"
                                        + Fixtures.ORDER_ID + "\">c0ffee00</a>"),
                        containsString("action=\"/reviews/" + Fixtures.REVIEW_ID + "/reply\""),
                        containsString("<label for=\"reply-" + Fixtures.REVIEW_ID + "\">Answer publicly</label>"),
                        containsString("<textarea id=\"reply-" + Fixtures.REVIEW_ID + "\" name=\"body\" rows=\"3\" "
                                + "maxlength=\"2000\" required></textarea>"),
                        // the shop's review: its three scores
                        containsString("<strong>Review of your shop</strong>"),
                        containsString("As described 5/5 · shipping 3/5 · communication 4/5"),
                        // the held one: its status, and no answer form (only a published review is answered)
                        containsString("<span class=\"review-status\">Waiting for moderation</span>"),
                        not(containsString("action=\"/reviews/" + HELD_ID + "/reply\"")),
                        not(containsString("id=\"older-page\""))));
        ServiceStubs.Seen asked = ServiceStubs.seen(REVIEW, "GET", LIST);
        assertThat(asked.authorization()).startsWith("Bearer ey");
        assertThat(asked.query()).isEqualTo("size=20");
    }

    @Test
    void anExistingAnswerIsShownAndItsFormEditsIt() {
        ServiceStubs.answer(
                REVIEW,
                "GET",
                LIST,
                200,
                Fixtures.reviews(
                        1,
                        null,
                        Fixtures.review(
                                Fixtures.REVIEW_ID,
                                2,
                                "PUBLISHED",
                                "Chipped",
                                "Arrived chipped.",
                                "Sorry! A new one is on its way.")));
        SignedIn.as("bob")
                .get("/reviews")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<div class=\"answer\" id=\"answer-" + Fixtures.REVIEW_ID + "\">"),
                        containsString("<strong>Your answer</strong> <span class=\"muted\">· 2026-12-04</span>"),
                        containsString("<blockquote>Sorry! A new one is on its way.</blockquote>"),
                        containsString("<label for=\"reply-" + Fixtures.REVIEW_ID + "\">Edit your answer</label>"),
                        containsString("required>Sorry! A new one is on its way.</textarea>"),
                        containsString("<button type=\"submit\">Save answer</button>")));
    }

    @Test
    void replyingSendsTheAnswerWithBobsTokenAndGoesBackToTheReview() {
        bobsReviews();
        ServiceStubs.answer(
                REVIEW,
                "PUT",
                REPLY,
                200,
                Fixtures.review(Fixtures.REVIEW_ID, 4, "PUBLISHED", "Solid mug", "Keeps my tea hot.", "Thank you!"));
        SignedIn.form("bob", "/reviews")
                .formParam("body", "  Thank you!  ")
                .formParam("status", "PUBLISHED")
                .post("/reviews/" + Fixtures.REVIEW_ID + "/reply")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/reviews?status=PUBLISHED#review-" + Fixtures.REVIEW_ID));
        ServiceStubs.Seen sent = ServiceStubs.seen(REVIEW, "PUT", REPLY);
        assertThat(sent.body()).isEqualTo("{\"body\":\"Thank you!\"}");
        assertThat(sent.authorization()).startsWith("Bearer ey");
    }

    @Test
    void aBlankAnswerIsAskedAgainAndARefusedOneShowsWhyWithTheTextKept() {
        bobsReviews();
        SignedIn.form("bob", "/reviews")
                .formParam("body", "   ")
                .post("/reviews/" + Fixtures.REVIEW_ID + "/reply")
                .then()
                .statusCode(400)
                .body(
                        containsString(
                                "<p class=\"error\" role=\"alert\" id=\"reviews-message\">Write your answer before sending it.</p>"));
        assertThat(ServiceStubs.seen(REVIEW, "PUT", REPLY)).isNull();

        ServiceStubs.answer(
                REVIEW,
                "PUT",
                REPLY,
                400,
                "{\"status\":400,\"detail\":\"Invalid request\","
                        + "\"violations\":[{\"field\":\"body\",\"message\":\"size must be between 0 and 2000\"}]}");
        SignedIn.form("bob", "/reviews")
                .formParam("body", "Too <long>")
                .post("/reviews/" + Fixtures.REVIEW_ID + "/reply")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("id=\"reviews-message\">body: size must be between 0 and 2000</p>"),
                        containsString("required>Too &lt;long&gt;</textarea>")));

        ServiceStubs.answer(REVIEW, "PUT", REPLY, 409, Fixtures.problem(409, "This review is not published."));
        SignedIn.form("bob", "/reviews")
                .formParam("body", "Thanks")
                .post("/reviews/" + Fixtures.REVIEW_ID + "/reply")
                .then()
                .statusCode(409)
                .body(containsString("id=\"reviews-message\">This review is not published.</p>"));
    }

    @Test
    void aReviewNotOfBobsShopOrAWrongIdIsNotFound() {
        bobsReviews();
        ServiceStubs.answer(REVIEW, "PUT", REPLY, 404, Fixtures.problem(404, "no review of your shop"));
        SignedIn.form("bob", "/reviews")
                .formParam("body", "Thanks")
                .post("/reviews/" + Fixtures.REVIEW_ID + "/reply")
                .then()
                .statusCode(404)
                .body(containsString("No such review of your shop."));
        SignedIn.form("bob", "/reviews")
                .formParam("body", "Thanks")
                .post("/reviews/not-an-id/reply")
                .then()
                .statusCode(404)
                .body(containsString("No such review of your shop."));
        assertThat(ServiceStubs.seen(REVIEW, "PUT", LIST + "/not-an-id/reply")).isNull();
    }

    @Test
    void theStatusFilterAndTheCursorGoToTheReviewServiceAndOlderReviewsFollowTheCursor() {
        ServiceStubs.answer(
                REVIEW,
                "GET",
                LIST,
                200,
                Fixtures.reviews(
                        41, "b2xkZXI", Fixtures.review(HELD_ID, 1, "PENDING", "Meh", "Cheaper elsewhere.", null)));
        SignedIn.as("bob")
                .get("/reviews?status=pending&cursor=bmV3ZXI")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<option value=\"PENDING\" selected>Waiting for moderation</option>"),
                        containsString(
                                "<a href=\"/reviews?status=PENDING&amp;cursor=b2xkZXI\" rel=\"next\" id=\"older-page\">"
                                        + "Older</a>"),
                        containsString("<a href=\"/reviews?status=PENDING\" id=\"newest-page\">Newest</a>")));
        assertThat(ServiceStubs.seen(REVIEW, "GET", LIST).query()).isEqualTo("status=PENDING&cursor=bmV3ZXI&size=20");

        ServiceStubs.answer(REVIEW, "GET", LIST, 200, Fixtures.reviews(0, null));
        SignedIn.as("bob")
                .get("/reviews?status=REJECTED")
                .then()
                .statusCode(200)
                .body(containsString("No reviews with this status."));
    }

    @Test
    void aStatusThatIsNoneOfTheListAndACursorTheServiceRefusesSaySo() {
        SignedIn.as("bob")
                .get("/reviews?status=REMOVED")
                .then()
                .statusCode(400)
                .body(containsString("Choose a status from the list."));
        assertThat(ServiceStubs.seen(REVIEW, "GET", LIST)).isNull();
        ServiceStubs.answer(
                REVIEW,
                "GET",
                LIST,
                400,
                "{\"status\":400,\"detail\":\"Invalid request\","
                        + "\"violations\":[{\"field\":\"cursor\",\"message\":\"is not a cursor this API returned\"}]}");
        SignedIn.as("bob")
                .get("/reviews?cursor=junk")
                .then()
                .statusCode(400)
                .body(containsString("cursor: is not a cursor this API returned"));
    }

    @Test
    void withTheReviewServiceDownThePageSaysSo() {
        ServiceStubs.down(REVIEW, "GET", LIST);
        SignedIn.as("bob")
                .get("/reviews")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("Reviews are not available right now. Try again in a moment."),
                        not(containsString("id=\"review-total\""))));
    }

    @Test
    void buyersAndAdministratorsHaveNoSellerReviewsPage() {
        SignedIn.as("alice")
                .get("/reviews")
                .then()
                .statusCode(403)
                .body(containsString("This part of the portal is for sellers."));
        SignedIn.as("admin")
                .get("/reviews")
                .then()
                .statusCode(403)
                .body(containsString("This part of the portal is for sellers."));
        assertThat(ServiceStubs.seen(REVIEW, "GET", LIST)).isNull();
    }
}
