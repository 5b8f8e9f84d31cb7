package dev.bazaar.order.persistence;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

/**
 * The indexes the read models' queries need, created at start-up in the live generation (and one being rebuilt) and
 * by a rebuild in its new generation before it fills it. createIndex is idempotent, so every start asks again.
 * <ul>
 * <li>{@code buyer_orders.buyer_placed} (buyerSubject, placedAt desc, _id desc): a buyer's page, newest first, and its
 * count.</li>
 * <li>{@code seller_orders.shop_placed} (shopId, placedAt desc, _id desc): a shop's groups, newest first;
 * {@code seller_orders.shop_status_placed} (shopId, status, placedAt desc, _id desc): the same in one status (and the
 * dashboard's count to ship); {@code seller_orders.shop_action_placed} (shopId, needsAction, placedAt desc, _id desc):
 * the "needs action" list; {@code seller_orders.shop_open_returns} (shopId, openReturns): returns to decide.</li>
 * <li>{@code sales_facts.day} (day): the admins' range of days (over every shop).</li>
 * </ul>
 * Start-up also marks a new store's seller shop documents complete ({@link SellerShopViews#markCompleteIfEmpty}).
 * Documents are keyed by their unique {@code _id} (order; order:shop; shop:day:order), which the version-guarded
 * upserts rely on; MongoDB indexes {@code _id} itself. Start-up does not wait for them (queries work, only slower):
 * if MongoDB is not there yet, creation is retried with backoff until it is.
 */
@ApplicationScoped
public class ReadModelIndexes {

    private static final Logger LOG = Logger.getLogger(ReadModelIndexes.class);

    /** Read-model collection → the indexes its queries use. */
    public static final Map<String, List<IndexModel>> INDEXES = indexes();

    private final ProjectionGenerations generations;
    private final BuyerOrderViews buyers;
    private final SellerShopViews shops;
    private volatile Cancellable startup;

    public ReadModelIndexes(ProjectionGenerations generations, BuyerOrderViews buyers, SellerShopViews shops) {
        this.generations = generations;
        this.buyers = buyers;
        this.shops = shops;
    }

    private static Map<String, List<IndexModel>> indexes() {
        Map<String, List<IndexModel>> m = new LinkedHashMap<>();
        m.put(
                OrderProjections.BUYER,
                List.of(index(
                        "buyer_placed", Indexes.ascending("buyerSubject"), Indexes.descending("placedAt", "_id"))));
        m.put(
                OrderProjections.SELLER,
                List.of(
                        index("shop_placed", Indexes.ascending("shopId"), Indexes.descending("placedAt", "_id")),
                        index(
                                "shop_status_placed",
                                Indexes.ascending("shopId", "status"),
                                Indexes.descending("placedAt", "_id")),
                        index(
                                "shop_action_placed",
                                Indexes.ascending("shopId", "needsAction"),
                                Indexes.descending("placedAt", "_id")),
                        index("shop_open_returns", Indexes.ascending("shopId", "openReturns"))));
        m.put(OrderProjections.FACTS, List.of(index("day", Indexes.ascending("day"))));
        return Collections.unmodifiableMap(m);
    }

    private static IndexModel index(String name, Bson... keys) {
        return new IndexModel(Indexes.compoundIndex(keys), new IndexOptions().name(name));
    }

    void onStart(@Observes StartupEvent start) {
        startup = generations
                .current()
                .flatMap(g -> ensure(g.active())
                        .flatMap(x -> g.rebuilding() == null ? Uni.createFrom().voidItem() : ensure(g.rebuilding()))
                        .flatMap(x -> shops.markCompleteIfEmpty(g.active()))
                        .invoke(complete -> {
                            if (!complete) {
                                LOG.warn("the seller list and dashboard read seller_orders (slow) until a rebuild "
                                        + "fills their shop documents (ADR 0033): "
                                        + "POST /api/v1/admin/projections/rebuild");
                            }
                        }))
                .onFailure()
                .invoke(e -> LOG.warn("read-model indexes not created yet; trying again", e))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .indefinitely()
                .subscribe()
                .with(x -> LOG.debug("read-model indexes in place"));
    }

    void onStop(@Observes ShutdownEvent stop) {
        Cancellable c = startup;
        if (c != null) {
            c.cancel();
        }
    }

    /** Creates (or finds in place) every read-model index in generation {@code suffix}. */
    public Uni<Void> ensure(String suffix) {
        // one collection after the other, in the map's order
        return Multi.createFrom()
                .iterable(INDEXES.entrySet())
                .onItem()
                .transformToUniAndConcatenate(e -> buyers.mongoDatabase()
                        .getCollection(ProjectionGenerations.collectionName(e.getKey(), suffix))
                        .createIndexes(e.getValue()))
                .collect()
                .last()
                .replaceWithVoid();
    }
}
