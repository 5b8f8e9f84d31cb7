package dev.bazaar.kit.warmup;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * Work a service does once at start-up, before it reports ready, so that its first requests do not pay for what every
 * first request pays: opening pool connections, loading and compiling the code of a hot path, parsing its queries
 * (#28: a catalog that had just started answered its first variant lookups in 0.9–2 s, and a cart in front of it
 * refused adds while its breaker was open). A bean implementing this is run by {@link WarmUp} on a Vert.x context of its
 * own (Hibernate Reactive sessions work there); it must only read, and it should take a few seconds at most.
 */
public interface WarmUpTask {

    /** For the readiness check's data and the log. */
    String name();

    /** The warm-up; a failure is logged and ends this task, it never keeps the service from becoming ready. */
    Uni<Void> run();

    /**
     * The usual body of a warm-up: {@code call(0)}, then {@code call(1)}, … {@code call(times - 1)}, one after
     * another (calls sharing a context must not overlap: a Hibernate Reactive session is not for concurrent use), each
     * given {@code each} at most; the first failure ends it.
     */
    static Uni<Void> repeat(int times, Duration each, IntFunction<Uni<?>> call) {
        return Multi.createFrom()
                .range(0, times)
                .onItem()
                .transformToUniAndConcatenate(
                        i -> call.apply(i).ifNoItem().after(each).fail().replaceWith(i))
                .collect()
                .last()
                .replaceWithVoid();
    }
}
