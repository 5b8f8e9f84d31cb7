package dev.bazaar.kit.warmup;

import io.smallrye.mutiny.Uni;
import java.time.Duration;

/**
 * A warm-up that makes one call {@code times} times in turn ({@link WarmUpTask#repeat}): a service's bean extends it
 * with the call (cart's and checkout's catalog look-ups). Make the bean {@code @Singleton}: it needs no client proxy.
 */
public abstract class RepeatedWarmUp implements WarmUpTask {

    private final String name;
    private final int times;
    private final Duration each;

    protected RepeatedWarmUp(String name, int times, Duration each) {
        this.name = name;
        this.times = times;
        this.each = each;
    }

    /** The {@code i}-th call, from 0. */
    protected abstract Uni<?> call(int i);

    @Override
    public String name() {
        return name;
    }

    @Override
    public Uni<Void> run() {
        return WarmUpTask.repeat(times, each, this::call);
    }
}
