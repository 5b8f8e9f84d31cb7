package dev.bazaar.order.persistence;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import dev.bazaar.order.domain.GroupStatus;
import dev.bazaar.order.domain.Order;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.mongodb.reactive.ReactiveMongoDatabase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The read models in MongoDB, written from the folded order: the buyer's list ({@code buyer_orders}), each seller's
 * groups ({@code seller_orders}) and per-(shop, day, order) sales facts ({@code sales_facts}). There are no Mongo
 * transactions: every document carries the sequence of the last event it reflects and a write only replaces an older
 * one ({@code seq < new}); an older or repeated event changes nothing. {@code suffix} names a generation of the
 * collections, so a rebuild can fill fresh ones and switch.
 */
@ApplicationScoped
public class OrderProjections {

    public static final String BUYER = "buyer_orders";
    public static final String SELLER = "seller_orders";
    public static final String FACTS = "sales_facts";

    private final ReactiveMongoDatabase db;

    public OrderProjections(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.db = mongo.getDatabase(database);
    }

    public ReactiveMongoCollection<Document> collection(String name, String suffix) {
        return db.getCollection(suffix.isEmpty() ? name : name + "_" + suffix);
    }

    /** Writes every view of this order as of {@code order.version()} into the generation {@code suffix}. */
    public Uni<Void> project(Order o, String suffix) {
        long seq = o.version();
        List<Uni<Void>> writes = new ArrayList<>();
        Date placedAt = Date.from(o.placedAt());
        int items = o.groups().stream().flatMap(g -> g.group().lines().stream()).mapToInt(l -> l.quantity()).sum();
        writes.add(guarded(collection(BUYER, suffix), o.orderId().toString(), seq, new Document()
                .append("buyerSubject", o.buyer()).append("status", o.status().name()).append("placedAt", placedAt)
                .append("total", money(o.total().amount(), o.total().currency().getCurrencyCode()))
                .append("itemCount", items)));
        String day = o.placedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        for (Order.Group g : o.groups()) {
            String shop = g.group().shopId().toString();
            String currency = g.group().total().currency().getCurrencyCode();
            writes.add(guarded(collection(SELLER, suffix), o.orderId() + ":" + shop, seq, new Document()
                    .append("orderId", o.orderId().toString()).append("shopId", shop)
                    .append("status", g.status().name()).append("orderStatus", o.status().name())
                    .append("placedAt", placedAt)
                    .append("total", money(g.group().total().amount(), currency))
                    .append("itemCount", g.group().lines().stream().mapToInt(l -> l.quantity()).sum())
                    .append("carrier", g.carrier()).append("trackingNumber", g.trackingNumber())
                    .append("returns", o.returns().stream().filter(r -> r.shopId().equals(g.group().shopId()))
                            .map(r -> new Document("returnId", r.returnId().toString()).append("status", r.status())
                                    .append("items", r.lines().stream().map(l -> new Document("variantId",
                                            l.variantId().toString()).append("quantity", l.quantity())).toList()))
                            .toList())));
            boolean counts = g.status() != GroupStatus.CANCELLED && g.status() != GroupStatus.PLACED;
            writes.add(guarded(collection(FACTS, suffix), shop + ":" + day + ":" + o.orderId(), seq, new Document()
                    .append("shopId", shop).append("day", day).append("orderId", o.orderId().toString())
                    .append("gmv", counts ? g.group().subtotal().amount() : 0L)
                    .append("commission", counts ? g.group().commission().amount() : 0L)
                    .append("currency", currency).append("counts", counts)));
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Uni<Void> w : writes) {
            chain = chain.flatMap(x -> w);
        }
        return chain;
    }

    /** Replaces the document only if it reflects an older event; a newer or equal one stays. */
    private static Uni<Void> guarded(ReactiveMongoCollection<Document> c, String id, long seq, Document body) {
        Document doc = new Document("_id", id).append("seq", seq);
        doc.putAll(body);
        return c.replaceOne(Filters.and(Filters.eq("_id", id), Filters.lt("seq", seq)), doc,
                new ReplaceOptions().upsert(true)).replaceWithVoid()
                .onFailure(e -> e instanceof MongoWriteException w && w.getError().getCode() == 11000)
                .recoverWithNull(); // the document exists with this or a later seq: nothing to do
    }

    public Uni<List<Document>> sellerGroups(String suffix, String shopId, String status, int limit) {
        var filter = status == null ? Filters.eq("shopId", shopId)
                : Filters.and(Filters.eq("shopId", shopId), Filters.eq("status", status));
        return collection(SELLER, suffix).find(new FindOptions().filter(filter)
                .sort(Sorts.orderBy(Sorts.descending("placedAt"), Sorts.descending("_id"))).limit(limit))
                .collect().asList();
    }

    public Uni<List<Document>> facts(String suffix, String fromDay, String toDay) {
        return collection(FACTS, suffix).find(new FindOptions().filter(Filters.and(Filters.gte("day", fromDay),
                Filters.lte("day", toDay)))).collect().asList();
    }

    public Uni<List<Document>> all(String name, String suffix) {
        return collection(name, suffix).find(new FindOptions().sort(Sorts.ascending("_id"))).collect().asList();
    }

    public Uni<Void> drop(String suffix) {
        return collection(BUYER, suffix).drop().flatMap(x -> collection(SELLER, suffix).drop())
                .flatMap(x -> collection(FACTS, suffix).drop());
    }

    private static Document money(long amount, String currency) {
        return new Document("amount", amount).append("currency", currency);
    }
}
