package dev.bazaar.order.persistence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.bazaar.kit.consumer.TransientFailure;
import dev.bazaar.order.domain.SellerOrderList;
import dev.bazaar.order.domain.SellerOrderList.DaySales;
import dev.bazaar.order.domain.SellerOrderList.Facts;
import dev.bazaar.order.domain.SellerOrderList.Sold;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The seller list's and dashboard's documents read by {@code _id} only (ADR 0033): the devstack's MongoDB serves
 * {@code _id} (and {@code $in} on {@code _id}) from its index and scans the whole collection for any other filter.
 * <ul>
 * <li>{@code seller_shops}, one document per shop ({@link SellerShopView}): counters — groups, per status, needing
 * action, open returns, sales and sold groups per day placed — and the head, the shop's {@link SellerOrderList#HEAD}
 * newest groups as {@code seller_orders} holds them;</li>
 * <li>{@code seller_days}, one document per shop and day placed ({@code <shopId>:<yyyy-MM-dd>}): each sold group's
 * placed time and total ({@code o.<orderId>.at|sales|orders}), for the one day the dashboard's 30 days begin in.</li>
 * </ul>
 * Both exist per generation like every read model. Written by the projection after it swapped a group's
 * {@code seller_orders} document ({@link OrderProjections}): the writer that won the swap {@code $inc}s the counters
 * by the difference between the group before and after (a repeated or older event wins no swap and adds nothing),
 * then the head takes the group in by compare-and-set on its version {@code hv} — guarded per group by its sequence, so
 * that step is repeated on every delivery and repairs a head a crash left behind. A group the head already holds is
 * written alone in its place ({@code head.<i>}: its placed time and id are fixed, so nothing else moves), and the
 * replica starts from the head it last wrote, kept per shop, not from a read: most of a group's events are of a group
 * the head holds, so an event moves one entry, not 100 groups each way (a third less of order's BSON work, about 1 ms
 * a checkout: bench/results/20261207T174525Z-head-in-place.md). <b>Crash window</b> (as the
 * analytics, ADR 0018): a process that dies between the swap and the {@code $inc}s leaves the counters off by that
 * difference until a rebuild.
 */
@ApplicationScoped
public class SellerShopViews {

    public static final String COLLECTION = "seller_shops";
    public static final String DAYS = "seller_days";
    /** The document saying the generation holds every shop (it was filled from its start). */
    public static final String COMPLETE = "_complete";

    private static final int ATTEMPTS = 50;

    /** What the dashboard reads: the shop's counters and the sold groups of the day its 30 days begin in. */
    public record Dashboard(
            Map<String, Long> statuses, long openReturns, Map<LocalDate, DaySales> days, List<Sold> firstDay) {}

    /** The head lost too many compare-and-sets in a row: the projection is tried again (with backoff). */
    static final class Contended extends IllegalStateException implements TransientFailure {
        Contended(String shop) {
            super("the seller list head of shop " + shop + " kept changing under us");
        }
    }

    /** How long a projection waits for its turn at a shop's head in this replica before it is retried later. */
    private static final long HEAD_LOCK_TIMEOUT_MS = 10_000;

    private final SellerOrderViews sellers;
    private final Vertx vertx;

    public SellerShopViews(SellerOrderViews sellers, Vertx vertx) {
        this.sellers = sellers;
        this.vertx = vertx;
    }

    public ReactiveMongoCollection<SellerShopView> in(String suffix) {
        return sellers.mongoDatabase()
                .getCollection(ProjectionGenerations.collectionName(COLLECTION, suffix), SellerShopView.class);
    }

    private ReactiveMongoCollection<Document> days(String suffix) {
        return sellers.mongoDatabase().getCollection(ProjectionGenerations.collectionName(DAYS, suffix));
    }

    /** What the counters know of a group's document (null: none). */
    static Facts facts(SellerOrderView v) {
        if (v == null) {
            return null;
        }
        return new Facts(
                v.status,
                Boolean.TRUE.equals(v.needsAction),
                v.openReturns == null ? 0 : v.openReturns,
                v.placedAt,
                v.total == null ? 0 : v.total.amount);
    }

    /**
     * The group {@code after} was written in generation {@code suffix}: if this writer swapped it in ({@code won}, over
     * {@code before}, null when new) the counters move by the difference; the head takes it in either way.
     */
    public Uni<Void> apply(String suffix, boolean won, SellerOrderView before, SellerOrderView after) {
        Uni<Void> counted = won
                ? count(suffix, after.shopId, after.orderId, facts(before), facts(after))
                : Uni.createFrom().voidItem();
        return counted.flatMap(x -> oneAtATime(suffix, after.shopId, () -> head(suffix, after, ATTEMPTS)));
    }

    /**
     * Runs {@code work} on a shop's head one projection at a time in this replica (a Vert.x local lock: asynchronous,
     * granted in the order asked). The consumer's partitions are handled concurrently and a shop's groups fall in all
     * of them, so without it the projections of one busy shop raced each other's compare-and-set, each losing round
     * reading and writing the whole head again (bench/run's checkouts all buy from one shop). Other replicas may still
     * race; the compare-and-set settles that. A turn not granted in time is a transient failure: retried later.
     */
    private Uni<Void> oneAtATime(String suffix, String shop, Supplier<Uni<Void>> work) {
        return vertx.sharedData()
                .getLocalLockWithTimeout("seller-head:" + suffix + ":" + shop, HEAD_LOCK_TIMEOUT_MS)
                .onFailure()
                .transform(e -> new Contended(shop))
                .flatMap(lock -> Uni.createFrom()
                        .<Void>deferred(() -> work.get())
                        .onTermination()
                        .invoke(lock::release));
    }

    private Uni<Void> count(String suffix, String shop, String orderId, Facts before, Facts after) {
        List<Uni<Void>> writes = new ArrayList<>();
        Map<String, Long> inc = SellerOrderList.counters(before, after);
        if (!inc.isEmpty()) {
            List<Bson> u = new ArrayList<>();
            inc.forEach((f, v) -> u.add(Updates.inc(f, v)));
            writes.add(in(suffix)
                    .updateOne(Filters.eq("_id", shop), Updates.combine(u), new UpdateOptions().upsert(true))
                    .replaceWithVoid());
        }
        Sold sold = SellerOrderList.sold(before, after);
        if (sold != null) {
            String entry = "o." + orderId;
            writes.add(days(suffix)
                    .updateOne(
                            Filters.eq("_id", shop + ":" + sold.day()),
                            Updates.combine(
                                    Updates.set(entry + ".at", sold.at()),
                                    Updates.inc(entry + ".sales", sold.sales()),
                                    Updates.inc(entry + ".orders", sold.orders())),
                            new UpdateOptions().upsert(true))
                    .replaceWithVoid());
        }
        if (writes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    /** A shop's head as this replica last read or wrote it: its version ({@code null}: none yet) and its groups. */
    private record Head(boolean exists, Long hv, List<SellerOrderView> rows) {}

    /**
     * The heads this replica last wrote, per generation and shop: the next projection of the shop starts from it, not
     * from a read of the whole head. Only a hint — every write is a compare-and-set on {@code hv}, and a lost one (another
     * replica, a rebuild) or a failed one drops the entry and reads the store again. A stale entry can only be behind
     * the store, and the head only moves forward, so one that says "nothing to write" is right too.
     */
    private final Cache<String, Head> heads = Caffeine.newBuilder()
            .maximumSize(HEADS_KEPT)
            .expireAfterAccess(Duration.ofMinutes(5))
            .build();

    /** Shops whose heads are kept (about 100 groups each, tens of KB): the busy ones. */
    static final int HEADS_KEPT = 64;

    private Uni<Head> read(String suffix, String shop) {
        return in(suffix)
                .find(new FindOptions().filter(Filters.eq("_id", shop)).projection(Projections.include("hv", "head")))
                .collect()
                .first()
                .map(doc -> doc == null
                        ? new Head(false, null, List.of())
                        : new Head(true, doc.hv, doc.head == null ? List.of() : doc.head));
    }

    /**
     * The head of the group's shop with the group in it (compare-and-set on {@code hv}; nothing when it holds it). A
     * newer version of a group the head holds is written alone, in its place ({@code head.<i>}); a new group rewrites
     * the head.
     */
    private Uni<Void> head(String suffix, SellerOrderView row, int attempts) {
        String key = suffix + ":" + row.shopId;
        Head known = heads.getIfPresent(key);
        Uni<Head> current = known != null ? Uni.createFrom().item(known) : read(suffix, row.shopId);
        return current.flatMap(shop -> {
                    Optional<SellerOrderList.Taken<SellerOrderView>> taken = SellerOrderList.take(
                            shop.rows(),
                            row,
                            v -> SellerOrderList.Key.of(v.placedAt, v.id),
                            v -> v.seq,
                            SellerOrderList.HEAD);
                    if (taken.isEmpty()) {
                        return Uni.createFrom().item(true);
                    }
                    long next = (shop.hv() == null ? 0 : shop.hv()) + 1;
                    ReactiveMongoCollection<SellerShopView> c = in(suffix);
                    Uni<Boolean> swapped;
                    if (!shop.exists()) {
                        SellerShopView fresh = new SellerShopView();
                        fresh.id = row.shopId;
                        fresh.hv = next;
                        fresh.head = taken.get().head();
                        swapped = c.insertOne(fresh)
                                .replaceWith(true)
                                .onFailure(SellerShopViews::duplicateKey)
                                .recoverWithItem(false);
                    } else {
                        Bson version = shop.hv() == null ? Filters.exists("hv", false) : Filters.eq("hv", shop.hv());
                        Bson write = taken.get().inPlace()
                                ? Updates.set("head." + taken.get().replacedAt(), row)
                                : Updates.set("head", taken.get().head());
                        swapped = c.updateOne(
                                        Filters.and(Filters.eq("_id", row.shopId), version),
                                        Updates.combine(write, Updates.set("hv", next)))
                                .map(r -> r.getMatchedCount() == 1);
                    }
                    return swapped.invoke(won -> {
                        if (won) {
                            heads.put(key, new Head(true, next, taken.get().head()));
                        } else {
                            heads.invalidate(key);
                        }
                    });
                })
                .onFailure()
                .invoke(e -> heads.invalidate(key))
                .flatMap(done -> {
                    if (done) {
                        return Uni.createFrom().voidItem();
                    }
                    if (attempts <= 1) {
                        return Uni.createFrom().failure(new Contended(row.shopId));
                    }
                    return head(suffix, row, attempts - 1);
                });
    }

    static boolean duplicateKey(Throwable e) {
        return e instanceof MongoException m && m.getCode() == 11000;
    }

    /**
     * The shop's document in generation {@code suffix} (an empty one when the shop has no groups) — or empty when the
     * generation does not hold every shop (not filled from its start: a rebuild fills one that does).
     */
    public Uni<Optional<SellerShopView>> listing(String suffix, String shopId) {
        return in(suffix)
                .find(Filters.in("_id", List.of(shopId, COMPLETE)))
                .collect()
                .asList()
                .map(docs -> shopOf(docs, shopId));
    }

    private static Optional<SellerShopView> shopOf(List<SellerShopView> docs, String shopId) {
        boolean complete = docs.stream().anyMatch(d -> COMPLETE.equals(d.id));
        if (!complete) {
            return Optional.empty();
        }
        return Optional.of(
                docs.stream().filter(d -> shopId.equals(d.id)).findFirst().orElseGet(() -> {
                    SellerShopView none = new SellerShopView();
                    none.id = shopId;
                    return none;
                }));
    }

    /** The dashboard's documents: the shop's counters (not its head) and the sold groups placed on {@code firstDay}. */
    public Uni<Optional<Dashboard>> dashboard(String suffix, String shopId, LocalDate firstDay) {
        Uni<Optional<SellerShopView>> shop = in(suffix)
                .find(new FindOptions()
                        .filter(Filters.in("_id", List.of(shopId, COMPLETE)))
                        .projection(Projections.exclude("head")))
                .collect()
                .asList()
                .map(docs -> shopOf(docs, shopId));
        Uni<Document> day = days(suffix)
                .find(Filters.eq("_id", shopId + ":" + firstDay))
                .collect()
                .first();
        return Uni.combine()
                .all()
                .unis(shop, day)
                .asTuple()
                .map(t -> t.getItem1()
                        .map(s -> new Dashboard(
                                s.status == null ? Map.of() : s.status,
                                s.openReturns == null ? 0 : s.openReturns,
                                daySales(s.days),
                                entries(firstDay, t.getItem2()))));
    }

    private static Map<LocalDate, DaySales> daySales(Map<String, SellerShopView.DaySales> days) {
        Map<LocalDate, DaySales> out = new TreeMap<>();
        if (days != null) {
            days.forEach((d, s) -> out.put(
                    LocalDate.parse(d), new DaySales(s.sales == null ? 0 : s.sales, s.orders == null ? 0 : s.orders)));
        }
        return out;
    }

    private static List<Sold> entries(LocalDate day, Document doc) {
        List<Sold> out = new ArrayList<>();
        Document o = doc == null ? null : doc.get("o", Document.class);
        if (o != null) {
            o.values().forEach(v -> {
                Document e = (Document) v;
                out.add(new Sold(day, number(e, "at"), number(e, "sales"), number(e, "orders")));
            });
        }
        return out;
    }

    private static long number(Document d, String field) {
        return d.get(field) instanceof Number n ? n.longValue() : 0;
    }

    /** Generation {@code suffix} holds every shop (a rebuild filled it). */
    public Uni<Void> markComplete(String suffix) {
        SellerShopView marker = new SellerShopView();
        marker.id = COMPLETE;
        return in(suffix)
                .replaceOne(Filters.eq("_id", COMPLETE), marker, new ReplaceOptions().upsert(true))
                .replaceWithVoid();
    }

    /**
     * Marks generation {@code suffix} complete if it has no seller group yet (a new store: every group will be written
     * with its shop's documents); a store filled before these documents existed needs a rebuild first.
     */
    public Uni<Boolean> markCompleteIfEmpty(String suffix) {
        return in(suffix)
                .find(Filters.eq("_id", COMPLETE))
                .collect()
                .first()
                .flatMap(marker -> marker != null
                        ? Uni.createFrom().item(true)
                        : sellers.in(suffix)
                                .find(new FindOptions().limit(1))
                                .collect()
                                .first()
                                .flatMap(any -> any != null
                                        ? Uni.createFrom().item(false)
                                        : markComplete(suffix).replaceWith(true)));
    }
}
