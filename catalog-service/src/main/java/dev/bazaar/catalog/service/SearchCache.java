package dev.bazaar.catalog.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bazaar.catalog.config.SearchTuning;
import dev.bazaar.catalog.persistence.ProductIndex;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Whole search results for the queries buyers repeat (the head of the query log), kept a few seconds (ADR 0028).
 * <p>
 * Invalidation: every write this replica makes to the index ({@link ProductIndex#changedAt()}) retires the results of
 * searches that started before the write became searchable (the write's acknowledgement plus the refresh allowance);
 * results computed inside that window are not kept at all. Writes made by other replicas (each indexing event is
 * consumed by one replica) are seen here after at most the TTL.
 */
@ApplicationScoped
public class SearchCache {

    private record Entry(ProductSearch.Result result, long startedNanos) {}

    private final ProductIndex index;
    private final boolean enabled;
    private final long allowanceNanos;
    private final Cache<ProductSearch.Query, Entry> cache;

    public SearchCache(ProductIndex index, SearchTuning tuning) {
        this.index = index;
        this.enabled = tuning.cache().enabled() && !tuning.cache().ttl().isZero();
        this.allowanceNanos = tuning.cache().refreshAllowance().toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(tuning.cache().maxEntries())
                .expireAfterWrite(tuning.cache().ttl())
                .recordStats()
                .build();
    }

    /** The cached result of {@code query}, or {@code load}'s (kept when the index did not change meanwhile). */
    public Uni<ProductSearch.Result> get(ProductSearch.Query query, Supplier<Uni<ProductSearch.Result>> load) {
        if (!enabled) {
            return load.get();
        }
        Entry e = cache.getIfPresent(query);
        if (e != null && fresh(e.startedNanos())) {
            return Uni.createFrom().item(e.result());
        }
        long started = System.nanoTime();
        return load.get().invoke(result -> {
            if (fresh(started)) {
                cache.put(query, new Entry(result, started));
            }
        });
    }

    /** Started late enough after this replica's last index write that the write was searchable. */
    private boolean fresh(long startedNanos) {
        return startedNanos - index.changedAt() >= allowanceNanos;
    }

    /** Drops every kept result (tests; an admin rebuild also retires them through the write clock). */
    public void clear() {
        cache.invalidateAll();
    }

    /** Searches answered from the cache since start. */
    public long hits() {
        return cache.stats().hitCount();
    }

    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
