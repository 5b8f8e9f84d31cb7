package dev.bazaar.order.persistence;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.bazaar.order.domain.AnalyticsFigures;
import dev.bazaar.order.domain.OrderAnalytics;
import dev.bazaar.order.domain.OrderAnalytics.Contribution;
import dev.bazaar.order.domain.OrderAnalytics.ProductFigures;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.mongodb.reactive.ReactiveMongoDatabase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The analytics read model in MongoDB: pre-aggregated counters per scope and period ({@code analytics}), and what
 * each order and payout contributed to them ({@code analytics_facts}), both per generation like the other read
 * models; and the payouts as payment announced them ({@code analytics_payouts}, not per generation: a rebuild reads
 * them back, as it reads orders from the event store).
 * <p>
 * Aggregates have deterministic ids — {@code d:s:<shopId>:2026-11-24}, {@code m:p:all:2026-11}, scope {@code p}
 * platform, {@code s} shop, {@code c} category — and are only ever read by {@code _id} ({@code $in}): the devstack's
 * MongoDB serves {@code _id} from its index and scans the whole collection for any other filter. A shop's month
 * document also holds its products ({@code top.<productId>}: units, gmv, title), and a ranking document beside each
 * platform document ({@link #rankingId}) every shop's and category's GMV ({@code shops.<id>}, {@code cats.<id>}), so
 * "top shops" and "top products" need no scan.
 * <p>
 * Applying a contribution: the fact of the order (or payout) is swapped for the new one only if it still holds the
 * sequence read (compare-and-set on {@code _id} + {@code seq}; an insert for the first, which the unique {@code _id}
 * lets only one writer win); the winner then {@code $inc}s the aggregates by the difference between the old and new
 * contribution. A repeated or older event finds a fact as new as itself and adds nothing; two writers of the same order
 * (the live consumer and a rebuild) serialise on the fact. <b>Crash window:</b> there are no Mongo transactions, so a
 * process that dies after swapping the fact and before the {@code $inc}s land leaves the aggregates short by that
 * difference (the next event of the order does not repair it: its fact already says it was applied). A rebuild
 * ({@code POST /api/v1/admin/projections/rebuild}) recomputes every fact and aggregate from the event store and the
 * payouts and repairs it.
 */
@ApplicationScoped
public class AnalyticsStore {

    public static final String AGGREGATES = "analytics";
    public static final String FACTS = "analytics_facts";
    public static final String PAYOUTS = "analytics_payouts";

    private static final int ATTEMPTS = 10;

    private final ReactiveMongoDatabase db;

    public AnalyticsStore(BuyerOrderViews buyers) {
        this.db = buyers.mongoDatabase();
    }

    /** The id of scope {@code scope} ({@code s:<shopId>}, …)'s document of {@code day}. */
    public static String dayId(String scope, LocalDate day) {
        return "d:" + scope + ":" + day;
    }

    /** The id of scope {@code scope}'s document of {@code month}. */
    public static String monthId(String scope, YearMonth month) {
        return "m:" + scope + ":" + month;
    }

    /**
     * The id of the ranking document beside platform document {@code id} ({@code r:m:p:all:2026-11}): every shop's and
     * category's GMV of that period, apart so that the platform's own series does not read a thousand shops per day.
     */
    public static String rankingId(String id) {
        return "r:" + id;
    }

    private ReactiveMongoCollection<Document> collection(String base, String suffix) {
        return db.getCollection(ProjectionGenerations.collectionName(base, suffix));
    }

    /**
     * Makes {@code factId}'s contribution {@code next} as of {@code seq} in generation {@code suffix}: nothing if its
     * fact is as new or newer, else the fact is swapped and the aggregates moved by the difference.
     */
    public Uni<Void> apply(String suffix, String factId, long seq, Contribution next) {
        return apply(suffix, factId, seq, next, ATTEMPTS);
    }

    private Uni<Void> apply(String suffix, String factId, long seq, Contribution next, int attempts) {
        ReactiveMongoCollection<Document> facts = collection(FACTS, suffix);
        return facts.find(Filters.eq("_id", factId)).collect().first().flatMap(old -> {
            long oldSeq = old == null ? -1 : old.get("seq", Number.class).longValue();
            if (oldSeq >= seq) {
                return Uni.createFrom().voidItem();
            }
            Document doc = toDocument(factId, seq, next);
            Uni<Boolean> claimed = old == null
                    ? facts.insertOne(doc)
                            .replaceWith(true)
                            .onFailure(e -> e instanceof MongoWriteException w
                                    && w.getError().getCode() == 11000)
                            .recoverWithItem(false)
                    : facts.replaceOne(Filters.and(Filters.eq("_id", factId), Filters.eq("seq", oldSeq)), doc)
                            .map(r -> r.getMatchedCount() == 1);
            return claimed.flatMap(won -> {
                if (won) {
                    return increment(suffix, fromDocument(old), next);
                }
                if (attempts <= 1) {
                    return Uni.createFrom()
                            .failure(new IllegalStateException("analytics fact " + factId + " kept changing under us"));
                }
                return apply(suffix, factId, seq, next, attempts - 1);
            });
        });
    }

    /** Moves the aggregates of generation {@code suffix} from contribution {@code before} to {@code after}. */
    private Uni<Void> increment(String suffix, Contribution before, Contribution after) {
        Map<String, Map<String, Long>> incs = new LinkedHashMap<>();
        Map<String, Map<String, String>> sets = new LinkedHashMap<>();
        Set<String> cells = new TreeSet<>(after.cells().keySet());
        cells.addAll(before.cells().keySet());
        for (String cell : cells) {
            Map<String, Long> a = after.cells().getOrDefault(cell, Map.of());
            Map<String, Long> b = before.cells().getOrDefault(cell, Map.of());
            int cut = cell.lastIndexOf(':');
            String scope = cell.substring(0, cut);
            LocalDate day = LocalDate.parse(cell.substring(cut + 1));
            Set<String> counters = new TreeSet<>(a.keySet());
            counters.addAll(b.keySet());
            for (String counter : counters) {
                long delta = a.getOrDefault(counter, 0L) - b.getOrDefault(counter, 0L);
                if (delta == 0) {
                    continue;
                }
                inc(incs, dayId(scope, day), counter, delta);
                inc(incs, monthId(scope, YearMonth.from(day)), counter, delta);
                String ranked = scope.startsWith("s:") ? "shops." : scope.startsWith("c:") ? "cats." : null;
                if (ranked != null && counter.equals("gmv")) {
                    String field = ranked + scope.substring(2);
                    inc(incs, rankingId(dayId(OrderAnalytics.PLATFORM, day)), field, delta);
                    inc(incs, rankingId(monthId(OrderAnalytics.PLATFORM, YearMonth.from(day))), field, delta);
                }
            }
        }
        Set<String> products = new TreeSet<>(after.products().keySet());
        products.addAll(before.products().keySet());
        for (String key : products) {
            ProductFigures a = after.products().get(key);
            ProductFigures b = before.products().get(key);
            String[] parts = key.split(":", -1);
            String doc = monthId("s:" + parts[0], YearMonth.parse(parts[1]));
            inc(incs, doc, "top." + parts[2] + ".units", (a == null ? 0 : a.units()) - (b == null ? 0 : b.units()));
            inc(incs, doc, "top." + parts[2] + ".gmv", (a == null ? 0 : a.gmv()) - (b == null ? 0 : b.gmv()));
            if (a != null && a.title() != null && (b == null || !a.title().equals(b.title()))) {
                sets.computeIfAbsent(doc, k -> new LinkedHashMap<>()).put("top." + parts[2] + ".title", a.title());
            }
        }
        Set<String> docs = new TreeSet<>(incs.keySet());
        docs.addAll(sets.keySet());
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (String id : docs) {
            List<Bson> u = new ArrayList<>();
            incs.getOrDefault(id, Map.of()).forEach((f, v) -> u.add(Updates.inc(f, v)));
            sets.getOrDefault(id, Map.of()).forEach((f, v) -> u.add(Updates.set(f, v)));
            if (!u.isEmpty()) {
                writes.add(new UpdateOneModel<>(
                        Filters.eq("_id", id), Updates.combine(u), new UpdateOptions().upsert(true)));
            }
        }
        if (writes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return collection(AGGREGATES, suffix)
                .bulkWrite(writes, new BulkWriteOptions().ordered(false))
                .replaceWithVoid();
    }

    private static void inc(Map<String, Map<String, Long>> incs, String doc, String field, long delta) {
        if (delta != 0) {
            incs.computeIfAbsent(doc, k -> new LinkedHashMap<>()).merge(field, delta, Long::sum);
        }
    }

    private static Document toDocument(String id, long seq, Contribution c) {
        Document cells = new Document();
        c.cells().forEach((cell, counters) -> cells.put(cell, new Document(new LinkedHashMap<>(counters))));
        Document products = new Document();
        c.products()
                .forEach((k, p) -> products.put(
                        k,
                        new Document("units", p.units()).append("gmv", p.gmv()).append("title", p.title())));
        return new Document("_id", id).append("seq", seq).append("cells", cells).append("products", products);
    }

    private static Contribution fromDocument(Document d) {
        Map<String, Map<String, Long>> cells = new TreeMap<>();
        Map<String, ProductFigures> products = new TreeMap<>();
        if (d == null) {
            return new Contribution(cells, products);
        }
        Document c = d.get("cells", Document.class);
        if (c != null) {
            c.forEach((cell, v) -> {
                Map<String, Long> counters = new TreeMap<>();
                ((Document) v).forEach((k, n) -> counters.put(k, ((Number) n).longValue()));
                cells.put(cell, counters);
            });
        }
        Document p = d.get("products", Document.class);
        if (p != null) {
            p.forEach((k, v) -> {
                Document f = (Document) v;
                products.put(
                        k,
                        new ProductFigures(
                                f.get("units", Number.class).longValue(),
                                f.get("gmv", Number.class).longValue(),
                                f.getString("title")));
            });
        }
        return new Contribution(cells, products);
    }

    /** The counters of the aggregate documents of generation {@code suffix} with these ids (those that exist), by id. */
    public Uni<Map<String, AnalyticsFigures>> figures(String suffix, Collection<String> ids) {
        return byIds(suffix, ids).map(docs -> {
            Map<String, AnalyticsFigures> m = new HashMap<>();
            docs.forEach(d -> {
                Map<String, Number> counters = new HashMap<>();
                for (String c : AnalyticsFigures.COUNTERS) {
                    if (d.get(c) instanceof Number n) {
                        counters.put(c, n);
                    }
                }
                m.put(d.getString("_id"), AnalyticsFigures.of(counters));
            });
            return m;
        });
    }

    /**
     * The GMV by shop ({@code field} "shops") or category ("cats") summed over the ranking documents with these ids.
     */
    public Uni<Map<String, Long>> gmvRanking(String suffix, Collection<String> ids, String field) {
        return byIds(suffix, ids).map(docs -> {
            Map<String, Long> gmv = new HashMap<>();
            for (Document d : docs) {
                Document m = d.get(field, Document.class);
                if (m != null) {
                    m.forEach((k, v) -> gmv.merge(k, ((Number) v).longValue(), Long::sum));
                }
            }
            return gmv;
        });
    }

    /** The products of the shop month documents with these ids, summed by product id (the latest month's title). */
    public Uni<Map<String, ProductFigures>> products(String suffix, Collection<String> ids) {
        return byIds(suffix, ids).map(docs -> {
            Map<String, ProductFigures> out = new HashMap<>();
            docs.stream()
                    .sorted(java.util.Comparator.comparing(d -> d.getString("_id")))
                    .forEach(d -> {
                        Document top = d.get("top", Document.class);
                        if (top == null) {
                            return;
                        }
                        top.forEach((product, v) -> {
                            Document f = (Document) v;
                            ProductFigures p = new ProductFigures(
                                    f.get("units") instanceof Number n ? n.longValue() : 0,
                                    f.get("gmv") instanceof Number n ? n.longValue() : 0,
                                    f.getString("title"));
                            out.merge(
                                    product,
                                    p,
                                    (a, b) -> new ProductFigures(
                                            a.units() + b.units(),
                                            a.gmv() + b.gmv(),
                                            b.title() != null ? b.title() : a.title()));
                        });
                    });
            return out;
        });
    }

    private Uni<List<Document>> byIds(String suffix, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return collection(AGGREGATES, suffix)
                .find(Filters.in("_id", List.copyOf(ids)))
                .collect()
                .asList();
    }

    /** A payout as payment announced it, kept for rebuilds; false if it was recorded before. */
    public Uni<Boolean> recordPayout(String payoutId, String shopId, LocalDate day, long amount) {
        Document doc = new Document("_id", payoutId)
                .append("shopId", shopId)
                .append("day", day.toString())
                .append("amount", amount);
        return collection(PAYOUTS, "")
                .insertOne(doc)
                .replaceWith(true)
                .onFailure(
                        e -> e instanceof MongoWriteException w && w.getError().getCode() == 11000)
                .recoverWithItem(false);
    }

    /** A recorded payout (rebuilds). */
    public record Payout(String payoutId, String shopId, LocalDate day, long amount) {}

    /** Every recorded payout (a rebuild re-aggregates them). */
    public Uni<List<Payout>> payouts() {
        return collection(PAYOUTS, "")
                .find()
                .map(d -> new Payout(
                        d.getString("_id"),
                        d.getString("shopId"),
                        LocalDate.parse(d.getString("day")),
                        d.get("amount", Number.class).longValue()))
                .collect()
                .asList();
    }

    /** Drops the analytics collections of generation {@code suffix} (after a rebuild switched away from it). */
    public Uni<Void> drop(String suffix) {
        return collection(AGGREGATES, suffix)
                .drop()
                .flatMap(x -> collection(FACTS, suffix).drop());
    }
}
