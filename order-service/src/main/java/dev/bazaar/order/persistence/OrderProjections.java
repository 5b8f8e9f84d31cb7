package dev.bazaar.order.persistence;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import dev.bazaar.order.domain.GroupStatus;
import dev.bazaar.order.domain.Order;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Writes the read models in MongoDB from the folded order: the buyer's list ({@link BuyerOrderViews}), each seller's
 * groups ({@link SellerOrderViews}) with each shop's list head and dashboard counters ({@link SellerShopViews}) and
 * per-(shop, day, order) sales facts ({@link SalesFacts}). There are no Mongo
 * transactions: every document carries the sequence of the last event it reflects and a write only replaces an older
 * one ({@code seq < new}); an older or repeated event changes nothing. {@code suffix} names a generation of the
 * collections ({@link ProjectionGenerations}), so a rebuild can fill fresh ones and switch.
 */
@ApplicationScoped
public class OrderProjections {

    public static final String BUYER = BuyerOrderViews.COLLECTION;
    public static final String SELLER = SellerOrderViews.COLLECTION;
    public static final String FACTS = SalesFacts.COLLECTION;
    public static final String SHOPS = SellerShopViews.COLLECTION;
    public static final String SHOP_DAYS = SellerShopViews.DAYS;
    /** Every read-model collection of a generation. */
    public static final List<String> COLLECTIONS = List.of(BUYER, SELLER, FACTS, SHOPS, SHOP_DAYS);

    private final BuyerOrderViews buyers;
    private final SellerOrderViews sellers;
    private final SalesFacts facts;
    private final SellerShopViews shops;

    public OrderProjections(BuyerOrderViews buyers, SellerOrderViews sellers, SalesFacts facts, SellerShopViews shops) {
        this.buyers = buyers;
        this.sellers = sellers;
        this.facts = facts;
        this.shops = shops;
    }

    /**
     * Writes every view of this order as of {@code order.version()} into the generation {@code suffix}, concurrently
     * (each document is guarded by its own sequence, so their order does not matter).
     */
    public Uni<Void> project(Order o, String suffix) {
        long seq = o.version();
        List<Uni<Void>> writes = new ArrayList<>();
        BuyerOrderView buyer = new BuyerOrderView();
        buyer.id = o.orderId().toString();
        buyer.seq = seq;
        buyer.buyerSubject = o.buyer();
        buyer.status = o.status().name();
        buyer.placedAt = o.placedAt();
        buyer.total = new MoneyAmount(o.total().amount(), o.total().currency().getCurrencyCode());
        buyer.itemCount = o.groups().stream()
                .flatMap(g -> g.group().lines().stream())
                .mapToInt(l -> l.quantity())
                .sum();
        writes.add(guarded(buyers.in(suffix), buyer.id, seq, buyer));
        String day = o.placedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        for (Order.Group g : o.groups()) {
            String shop = g.group().shopId().toString();
            String currency = g.group().total().currency().getCurrencyCode();
            SellerOrderView group = new SellerOrderView();
            group.id = o.orderId() + ":" + shop;
            group.seq = seq;
            group.orderId = o.orderId().toString();
            group.shopId = shop;
            group.status = g.status().name();
            group.placedAt = o.placedAt();
            group.total = new MoneyAmount(g.group().total().amount(), currency);
            group.itemCount =
                    g.group().lines().stream().mapToInt(l -> l.quantity()).sum();
            group.carrier = g.carrier();
            group.trackingNumber = g.trackingNumber();
            group.returns = o.returns().stream()
                    .filter(r -> r.shopId().equals(g.group().shopId()))
                    .map(r -> {
                        SellerOrderView.Return ret = new SellerOrderView.Return();
                        ret.returnId = r.returnId().toString();
                        ret.status = r.status();
                        ret.items = r.lines().stream()
                                .map(l -> {
                                    SellerOrderView.Item item = new SellerOrderView.Item();
                                    item.variantId = l.variantId().toString();
                                    item.quantity = l.quantity();
                                    return item;
                                })
                                .toList();
                        return ret;
                    })
                    .toList();
            List<Order.Return> mine = o.returns().stream()
                    .filter(r -> r.shopId().equals(g.group().shopId()))
                    .toList();
            group.openReturns =
                    (int) mine.stream().filter(Order.Return::undecided).count();
            group.needsAction = g.status() == GroupStatus.PAID
                    || g.status() == GroupStatus.PARTIALLY_SHIPPED
                    || mine.stream().anyMatch(Order.Return::open);
            // the shop's list head and counters follow the group's document (ADR 0033)
            writes.add(swapped(sellers.in(suffix), group.id, seq, group)
                    .flatMap(s -> shops.apply(suffix, s.won(), s.before(), group)));

            boolean counts = g.status() != GroupStatus.CANCELLED && g.status() != GroupStatus.PLACED;
            SalesFact fact = new SalesFact();
            fact.id = shop + ":" + day + ":" + o.orderId();
            fact.seq = seq;
            fact.shopId = shop;
            fact.day = day;
            fact.orderId = o.orderId().toString();
            fact.gmv = counts ? g.group().subtotal().amount() : 0L;
            fact.commission = counts ? g.group().commission().amount() : 0L;
            fact.currency = currency;
            fact.counts = counts;
            writes.add(guarded(facts.in(suffix), fact.id, seq, fact));
        }
        // different documents, each guarded by its own sequence: written at once, not one after the other
        return Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    /**
     * Replaces the document only if it reflects an older event; a newer or equal one stays. Panache's update helpers
     * cannot say "upsert unless newer", so this is a conditional replace on the typed collection: it matches only an
     * older document; when none matches, the upsert inserts — and fails on the key if a newer or equal one exists.
     */
    private static <T> Uni<Void> guarded(ReactiveMongoCollection<T> c, String id, long seq, T doc) {
        return c.replaceOne(
                        Filters.and(Filters.eq("_id", id), Filters.lt("seq", seq)),
                        doc,
                        new ReplaceOptions().upsert(true))
                .replaceWithVoid()
                .onFailure(
                        e -> e instanceof MongoWriteException w && w.getError().getCode() == 11000)
                .recoverWithNull(); // the document exists with this or a later seq: nothing to do
    }

    /** The outcome of {@link #swapped}: whether this writer replaced the document, and what it replaced (null: new). */
    private record Swap<T>(boolean won, T before) {}

    /**
     * {@link #guarded}, answering what was replaced: the older document (atomically, by findOneAndReplace), none when
     * inserted; {@code won} false when a newer or equal one stays — so exactly one writer sees each change.
     */
    private static <T> Uni<Swap<T>> swapped(ReactiveMongoCollection<T> c, String id, long seq, T doc) {
        return c.findOneAndReplace(
                        Filters.and(Filters.eq("_id", id), Filters.lt("seq", seq)),
                        doc,
                        new FindOneAndReplaceOptions().upsert(true).returnDocument(ReturnDocument.BEFORE))
                .map(before -> new Swap<>(true, before))
                .onFailure(SellerShopViews::duplicateKey)
                .recoverWithItem(new Swap<>(false, null));
    }

    /** Every document of read model {@code name} in generation {@code suffix}, as stored, by id (tests, operators). */
    public Uni<List<Document>> all(String name, String suffix) {
        return raw(name, suffix)
                .find(new FindOptions().sort(Sorts.ascending("_id")))
                .collect()
                .asList();
    }

    /**
     * Generation {@code suffix} holds every order (a rebuild replayed the store into it): the seller list and dashboard
     * may be read from its shop documents (ADR 0033).
     */
    public Uni<Void> complete(String suffix) {
        return shops.markComplete(suffix);
    }

    /** Drops every read-model collection of generation {@code suffix} (after a rebuild switched away from it). */
    public Uni<Void> drop(String suffix) {
        return Multi.createFrom()
                .iterable(COLLECTIONS)
                .onItem()
                .transformToUniAndConcatenate(name -> raw(name, suffix).drop())
                .collect()
                .last()
                .replaceWithVoid();
    }

    /** The generation-agnostic path: a read model's collection of any generation as plain documents. */
    private ReactiveMongoCollection<Document> raw(String name, String suffix) {
        return buyers.mongoDatabase().getCollection(ProjectionGenerations.collectionName(name, suffix));
    }
}
