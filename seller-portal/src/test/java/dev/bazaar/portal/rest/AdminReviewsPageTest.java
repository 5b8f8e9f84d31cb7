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
 * The moderation queue of buyers' reviews (review-service's PENDING list, with the admin's token): why each waits,
 * approve, or reject with a reason; administrators only.
 */
@QuarkusTest
class AdminReviewsPageTest {

    static final String QUEUE = "/api/v1/admin/reviews";
    static final String APPROVE = QUEUE + "/" + Fixtures.REVIEW_ID + "/approve";
    static final String REJECT = QUEUE + "/" + Fixtures.REVIEW_ID + "/reject";
    static final String REPORTED_ID = "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e";

    /** The first page of 50 out of 53 waiting: one held for a link, one sent back by readers' reports. */
    static void reviewsWaiting() {
        ServiceStubs.answer(
                REVIEW,
                "GET",
                QUEUE,
                200,
                "{\"items\":["
                        + Fixtures.pendingReview(Fixtures.REVIEW_ID, "Much cheaper at www.mugs-direct.com", "LINK")
                        + "," + Fixtures.pendingReview(REPORTED_ID, "The glaze flakes off.")
                        + "],\"page\":0,\"size\":50,\"total\":53}");
    }

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    @Test
    void anAdministratorSeesTheReviewsWaitingWithWhyAndTheirDecisions() {
        reviewsWaiting();
        SignedIn.as("admin")
                .get("/admin/reviews")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<a href=\"/admin/reviews\">Moderation</a>"),
                        containsString(
                                "<section class=\"card review\" id=\"admin-review-" + Fixtures.REVIEW_ID + "\">"),
                        containsString(
                                "<span class=\"stars\" aria-label=\"1 of 5 stars\" title=\"1 of 5 stars\">★☆☆☆☆</span>"),
                        containsString("<strong>Do not buy</strong> · product <code title=\"" + Fixtures.PRODUCT_ID
                                + "\">7a1e2b3c</code> of shop <code title=\"" + Fixtures.SHOP_ID
                                + "\">5d0c8f3e</code>"),
                        containsString(
                                "<blockquote class=\"review-body\">Much cheaper at www.mugs-direct.com</blockquote>"),
                        containsString("Written 2026-12-02 · held: <span class=\"held-because\">a web address</span>"),
                        containsString("held: <span class=\"held-because\">reported by readers</span>"),
                        containsString("action=\"/admin/reviews/" + Fixtures.REVIEW_ID + "/approve\" class=\"inline\" "
                                + "id=\"admin-review-approve-" + Fixtures.REVIEW_ID + "\""),
                        containsString("<input id=\"review-reason-" + Fixtures.REVIEW_ID + "\" name=\"reason\" "
                                + "maxlength=\"500\" required>"),
                        containsString("<p id=\"reviews-more\">51 more waiting")));
        ServiceStubs.Seen asked = ServiceStubs.seen(REVIEW, "GET", QUEUE);
        assertThat(asked.query()).isEqualTo("status=PENDING&page=0&size=50");
        assertThat(asked.authorization()).startsWith("Bearer ey");
    }

    @Test
    void anAdministratorApprovesOrRejectsWithAReasonAndIsBackAtTheQueue() {
        reviewsWaiting();
        ServiceStubs.answer(
                REVIEW,
                "POST",
                APPROVE,
                200,
                Fixtures.review(
                        Fixtures.REVIEW_ID, 1, "PUBLISHED", "Do not buy", "Much cheaper at www.mugs-direct.com", null));
        SignedIn.form("admin", "/admin/reviews")
                .post("/admin/reviews/" + Fixtures.REVIEW_ID + "/approve")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/reviews"));
        assertThat(ServiceStubs.seen(REVIEW, "POST", APPROVE).authorization()).startsWith("Bearer ey");

        ServiceStubs.answer(
                REVIEW,
                "POST",
                REJECT,
                200,
                Fixtures.review(
                        Fixtures.REVIEW_ID, 1, "REJECTED", "Do not buy", "Much cheaper at www.mugs-direct.com", null));
        SignedIn.form("admin", "/admin/reviews")
                .formParam("reason", " Advertising another shop ")
                .post("/admin/reviews/" + Fixtures.REVIEW_ID + "/reject")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/reviews"));
        assertThat(ServiceStubs.seen(REVIEW, "POST", REJECT).body())
                .isEqualTo("{\"reason\":\"Advertising another shop\"}");
    }

    @Test
    void aRejectionWithoutAReasonIsAskedAgainAndARefusedDecisionShowsWhy() {
        reviewsWaiting();
        SignedIn.form("admin", "/admin/reviews")
                .formParam("reason", "  ")
                .post("/admin/reviews/" + Fixtures.REVIEW_ID + "/reject")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("<p class=\"error\" role=\"alert\">A reason is required to reject.</p>"),
                        containsString("id=\"admin-review-" + Fixtures.REVIEW_ID + "\"")));
        assertThat(ServiceStubs.seen(REVIEW, "POST", REJECT)).isNull();

        ServiceStubs.answer(REVIEW, "POST", APPROVE, 409, Fixtures.problem(409, "This review is not pending."));
        SignedIn.form("admin", "/admin/reviews")
                .post("/admin/reviews/" + Fixtures.REVIEW_ID + "/approve")
                .then()
                .statusCode(409)
                .body(containsString("<p class=\"error\" role=\"alert\">This review is not pending.</p>"));
    }

    @Test
    void aReviewTheServiceDoesNotKnowOrAWrongIdIsNotFound() {
        reviewsWaiting();
        ServiceStubs.answer(REVIEW, "POST", APPROVE, 404, Fixtures.problem(404, "no review"));
        SignedIn.form("admin", "/admin/reviews")
                .post("/admin/reviews/" + Fixtures.REVIEW_ID + "/approve")
                .then()
                .statusCode(404)
                .body(containsString("No such review waiting for moderation."));
        for (String decision : new String[] {"approve", "reject"}) {
            SignedIn.form("admin", "/admin/reviews")
                    .formParam("reason", "Spam")
                    .post("/admin/reviews/not-an-id/" + decision)
                    .then()
                    .statusCode(404)
                    .body(containsString("No such review waiting for moderation."));
        }
        assertThat(ServiceStubs.seen(REVIEW, "POST", REJECT)).isNull();
    }

    @Test
    void withTheReviewServiceDownTheQueueSaysSo() {
        ServiceStubs.down(REVIEW, "GET", QUEUE);
        SignedIn.as("admin")
                .get("/admin/reviews")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString(
                                "<p class=\"error\" id=\"reviews-unavailable\">The reviews could not be loaded: Reviews "
                                        + "are not available right now. Try again in a moment.</p>"),
                        not(containsString("No reviews waiting."))));
    }

    @Test
    void aSellerOrABuyerMayNotModerate() {
        SignedIn.as("bob")
                .get("/admin/reviews")
                .then()
                .statusCode(403)
                .body(containsString("This part of the portal is for administrators."));
        SignedIn.as("alice")
                .get("/admin/reviews")
                .then()
                .statusCode(403)
                .body(containsString("This part of the portal is for administrators."));
        assertThat(ServiceStubs.seen(REVIEW, "GET", QUEUE)).isNull();

        ReviewsPageTest.bobsReviews();
        for (String decision : new String[] {"approve", "reject"}) {
            SignedIn.form("bob", "/reviews")
                    .formParam("reason", "Spam")
                    .post("/admin/reviews/" + Fixtures.REVIEW_ID + "/" + decision)
                    .then()
                    .statusCode(403)
                    .body(containsString("This part of the portal is for administrators."));
        }
        assertThat(ServiceStubs.seen(REVIEW, "POST", APPROVE)).isNull();
        assertThat(ServiceStubs.seen(REVIEW, "POST", REJECT)).isNull();
    }
}
