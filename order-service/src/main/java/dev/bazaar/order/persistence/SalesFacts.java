package dev.bazaar.order.persistence;

import com.mongodb.client.model.Filters;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Per-(shop, day, order) sales facts ({@code sales_facts}); the admins' daily figures are summed from a range of days.
 * Reads go to the active generation; index {@code day} serves the range ({@link ReadModelIndexes}).
 */
@ApplicationScoped
public class SalesFacts implements ReactivePanacheMongoRepositoryBase<SalesFact, String> {

    public static final String COLLECTION = "sales_facts";

    private final ProjectionGenerations generations;

    public SalesFacts(ProjectionGenerations generations) {
        this.generations = generations;
    }

    /** This collection in generation {@code suffix} ("" = the entity's own collection). */
    public ReactiveMongoCollection<SalesFact> in(String suffix) {
        return suffix.isEmpty()
                ? mongoCollection()
                : mongoDatabase()
                        .getCollection(ProjectionGenerations.collectionName(COLLECTION, suffix), SalesFact.class);
    }

    /** Every shop's facts of the days {@code fromDay}..{@code toDay} (ISO dates, inclusive). */
    public Uni<List<SalesFact>> between(String fromDay, String toDay) {
        return generations
                .active()
                .flatMap(suffix -> in(suffix)
                        .find(new FindOptions()
                                .filter(Filters.and(Filters.gte("day", fromDay), Filters.lte("day", toDay))))
                        .collect()
                        .asList());
    }
}
