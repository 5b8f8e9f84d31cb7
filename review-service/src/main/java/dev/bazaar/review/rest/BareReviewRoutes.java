package dev.bazaar.review.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.review.config.ReviewConfig;
import dev.bazaar.review.domain.Content;
import dev.bazaar.review.domain.Review;
import dev.bazaar.review.domain.ReviewSort;
import dev.bazaar.review.domain.ReviewStatus;
import dev.bazaar.review.service.PageLoads;
import dev.bazaar.review.service.PurchaseRecords;
import dev.bazaar.review.service.ReviewFeedback;
import dev.bazaar.review.service.ReviewSubmissions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.jboss.logging.Logger;

/**
 * The reviews benchmark's seed and yardstick (bench/run-reviews), registered only when
 * {@code bazaar.reviews.bench-endpoints=true} (the {@code load} and {@code bench} profiles). Never in production: the
 * seed writes reviews nobody bought anything for, and neither route asks who is calling.
 * <ul>
 * <li>{@code POST /bench/seed/reviews?product=&shop=&n=} writes {@code n} product reviews of one product by {@code n}
 * new buyers through the real write path: each buyer's order is recorded as order.events would leave it (placed,
 * then delivered: {@link PurchaseRecords}), the review goes through {@link ReviewSubmissions} (eligibility, the
 * automatic checks with their repeated-text look-up, the document with its events for the relay, the rating
 * recomputed), and every third review gets one to five helpful votes ({@link ReviewFeedback}) so "most helpful" is
 * not the same order as "newest";</li>
 * <li>{@code GET /bench/bare/reviews?product=} the store calls of the first page of
 * {@code GET /api/v1/products/{id}/reviews} and nothing else — the page (one more than 20, to know whether there is a
 * next one) and the rating (whose count is the list's total), at once, through the same bounded {@link PageLoads} as
 * the public read, but never from its memory — answered as JSON without the view mapping, the ETag's digest or the
 * validation: the floor a cache miss of the public read is measured against. {@code sort=helpful} runs the other order's page.</li>
 * </ul>
 */
@ApplicationScoped
public class BareReviewRoutes {

    private static final Logger LOG = Logger.getLogger(BareReviewRoutes.class);

    /** The public list's default page size: the first page a product page shows. */
    static final int FIRST_PAGE = 20;

    /** Mostly good, some poor: a histogram with every bar and an average that is not a round number. */
    private static final int[] STARS = {5, 4, 5, 3, 4, 5, 2, 4, 5, 1};

    void register(
            @Observes Router router,
            ReviewConfig config,
            PurchaseRecords purchases,
            ReviewSubmissions submissions,
            ReviewFeedback feedback,
            PageLoads loads,
            ObjectMapper json,
            Clock clock) {
        if (!config.benchEndpoints()) {
            return;
        }
        LOG.warn("bench endpoints are ON (/bench/*): never enable bazaar.reviews.bench-endpoints in production");
        router.post("/bench/seed/reviews").handler(ctx -> {
            UUID product = uuid(ctx, "product");
            UUID shop = uuid(ctx, "shop");
            int n = count(ctx);
            if (product == null || shop == null || n < 1 || n > 10_000) {
                ctx.response().setStatusCode(400).end("product and shop (UUIDs) and n (1..10000) are required");
                return;
            }
            // one variant of the product for every buyer: which variant was bought does not change the list
            UUID variant = UUID.nameUUIDFromBytes(("bench-variant:" + product).getBytes(StandardCharsets.UTF_8));
            // buyers of this call: new subjects, so a second seed of the same product adds reviews
            String run = UUID.randomUUID().toString().substring(0, 8);
            Multi.createFrom()
                    .range(0, n)
                    .onItem()
                    .transformToUni(i -> {
                        String buyer = "bench-reviewer-" + run + "-" + i;
                        return bought(purchases, clock.instant(), buyer, shop, product, variant)
                                .flatMap(order -> submissions.reviewProduct(buyer, order, variant, content(i, run)))
                                .flatMap(review -> votes(feedback, review, i));
                    })
                    .merge(4)
                    .collect()
                    .asList()
                    .subscribe()
                    .with(
                            written -> {
                                long published = written.stream()
                                        .filter(r -> r.status() == ReviewStatus.PUBLISHED)
                                        .count();
                                int votes = written.stream()
                                        .mapToInt(r -> r.helpfulVoters().size())
                                        .sum();
                                ctx.response()
                                        .putHeader("Content-Type", "application/json")
                                        .end(new JsonObject()
                                                .put("reviews", written.size())
                                                .put("published", published)
                                                .put("votes", votes)
                                                .encode());
                            },
                            e -> fail(ctx, e));
        });
        router.get("/bench/bare/reviews").handler(ctx -> {
            UUID product = uuid(ctx, "product");
            String sort = ctx.request().getParam("sort", "newest");
            if (product == null || !(sort.equals("newest") || sort.equals("helpful"))) {
                ctx.response().setStatusCode(400).end("product (a UUID) is required; sort is newest or helpful");
                return;
            }
            ReviewSort order = ReviewSort.valueOf(sort.toUpperCase(Locale.ROOT));
            loads.load(Subject.PRODUCT, product, null, order, null, FIRST_PAGE)
                    .map(found -> {
                        Map<String, Object> page = new LinkedHashMap<>();
                        page.put("items", found.items());
                        page.put("total", found.total());
                        page.put("rating", found.rating());
                        return page;
                    })
                    .subscribe()
                    .with(page -> answer(ctx, json, page), e -> fail(ctx, e));
        });
    }

    /** A delivered order of one unit of the product by {@code buyer}, recorded as order.events tells it; its id. */
    private static Uni<UUID> bought(
            PurchaseRecords purchases, Instant now, String buyer, UUID shop, UUID product, UUID variant) {
        UUID order = UUID.randomUUID();
        OrderGroup group = OrderGroup.of(
                shop,
                List.of(OrderLine.of(
                        variant, product, "Bench product", "BENCH-REVIEW", 1, Money.usd(2_500), 1_000, Money.usd(250))),
                Money.usd(500),
                Money.usd(0));
        OrderEvent.OrderPlaced placed = new OrderEvent.OrderPlaced(
                order,
                UUID.randomUUID(),
                buyer,
                UUID.randomUUID(),
                UUID.randomUUID(),
                List.of(group),
                group.total(),
                now.minus(Duration.ofDays(7)));
        return purchases
                .order(placed, now)
                .flatMap(x ->
                        purchases.order(new OrderEvent.GroupDelivered(order, shop, now.minus(Duration.ofDays(2))), now))
                .replaceWith(order);
    }

    /**
     * The {@code i}-th review's words: long enough for the repeated-text check to look (and unique, so it finds
     * nothing), clear of links and blocked words, so it is published at once.
     */
    private static Content content(int i, String run) {
        return new Content(
                STARS[i % STARS.length],
                null,
                "Bench review " + i,
                "Review " + i + " of run " + run + ": sturdy, as pictured, arrived on time and works well.",
                List.of());
    }

    /** Every third review: one to five helpful votes, one after the other (each a compare-and-set on the review). */
    private static Uni<Review> votes(ReviewFeedback feedback, Review review, int i) {
        int votes = i % 3 == 0 ? 1 + (i / 3) % 5 : 0;
        // the review as the last vote left it; as it was without votes
        return Multi.createFrom()
                .range(1, votes + 1)
                .onItem()
                .transformToUniAndConcatenate(v -> feedback.helpful("bench-voter-" + v, review.id()))
                .collect()
                .last()
                .map(last -> last == null ? review : last);
    }

    private static void answer(RoutingContext ctx, ObjectMapper json, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            fail(ctx, e);
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(bytes));
    }

    private static UUID uuid(RoutingContext ctx, String name) {
        try {
            return UUID.fromString(ctx.request().getParam(name));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int count(RoutingContext ctx) {
        try {
            return Integer.parseInt(ctx.request().getParam("n", "200"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A bench call failed: the benchmark counts the 500; the log keeps the cause (the body is only its message). */
    private static void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof BulkheadException) {
            // the same bound as the public read: refused at once, as the public read's 503
            ctx.response().setStatusCode(503).putHeader("Retry-After", "1").end("busy");
            return;
        }
        LOG.errorf(
                e,
                "bench call %s %s failed",
                ctx.request().method(),
                ctx.request().path());
        ctx.response().setStatusCode(500).end(String.valueOf(e.getMessage()));
    }
}
