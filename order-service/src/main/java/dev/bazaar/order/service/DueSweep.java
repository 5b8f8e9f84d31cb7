package dev.bazaar.order.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one shape of order-service's periodic jobs (completion, auto-delivery, return escalation): page through a "due"
 * table by its keyset cursor, one row at a time let the aggregate decide (it may decide nothing), and count what
 * changed. A row that cannot move yet is passed over, never blocks the rows after it.
 */
final class DueSweep {

    private DueSweep() {}

    /**
     * @param page   the rows after a cursor row (at most {@code size})
     * @param start  the cursor before the first row
     * @param decide runs the decision for one row; true when it changed the order
     */
    static <R> Uni<Integer> run(Function<R, Uni<List<R>>> page, R start, int size, Function<R, Uni<Boolean>> decide) {
        return from(page, start, size, decide, 0);
    }

    private static <R> Uni<Integer> from(
            Function<R, Uni<List<R>>> page, R after, int size, Function<R, Uni<Boolean>> decide, int done) {
        return page.apply(after)
                .flatMap(due -> Multi.createFrom()
                        .iterable(due)
                        .onItem()
                        .transformToUniAndConcatenate(row -> decide.apply(row))
                        .collect()
                        .with(Collectors.summingInt((Boolean changed) -> changed ? 1 : 0))
                        .flatMap(changed -> due.size() < size
                                ? Uni.createFrom().item(done + changed)
                                : from(page, due.getLast(), size, decide, done + changed)));
    }
}
