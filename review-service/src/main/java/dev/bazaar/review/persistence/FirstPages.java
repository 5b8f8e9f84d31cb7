package dev.bazaar.review.persistence;

import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import dev.bazaar.review.domain.ReviewSort;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The first page of a subject's published reviews, kept briefly in this replica's memory (Caffeine, cache
 * {@code review-first-pages}): a popular product's page is read far more often than it changes, and each read is
 * three store calls (page, count, rating). Every write that can change what the page shows — a review inserted or
 * replaced ({@link Reviews}), a rating stored ({@link Ratings}) — drops the subject's pages here once it is written, so
 * this replica answers its own writes at once. Another replica's write, or a read that loaded just before a write and
 * finished after it, is seen at the latest when the entry expires ({@code expire-after-write}, 5 s), well within the
 * {@code max-age} the public answer already allows caches to keep it. Later pages (a cursor) are never kept.
 */
@ApplicationScoped
public class FirstPages {

    /** Which first page: the subject, the stars filter (null: all), the sort and the page size. */
    record Key(Subject subject, UUID subjectId, Integer stars, ReviewSort sort, int size) {}

    private final Cache cache;

    public FirstPages(@CacheName("review-first-pages") Cache cache) {
        this.cache = cache;
    }

    /** The page from memory, or loaded by {@code load} and kept. */
    public <T> Uni<T> get(
            Subject subject, UUID subjectId, Integer stars, ReviewSort sort, int size, Supplier<Uni<T>> load) {
        return cache.getAsync(new Key(subject, subjectId, stars, sort, size), k -> load.get());
    }

    /** The subject's reviews or rating changed: its pages are read from the store again. */
    public Uni<Void> changed(Subject subject, UUID subjectId) {
        return cache.invalidateIf(k -> k instanceof Key key
                && key.subject() == subject
                && key.subjectId().equals(subjectId));
    }
}
