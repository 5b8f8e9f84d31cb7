package dev.bazaar.kit.warmup;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/** The kit test app's own warm-up task: it ends when {@link WarmUpTest} says so, so readiness can be seen waiting. */
@ApplicationScoped
public class HeldWarmUp implements WarmUpTask {

    static final CompletableFuture<Void> RELEASE = new CompletableFuture<>();

    @Override
    public String name() {
        return "held-by-test";
    }

    @Override
    public Uni<Void> run() {
        return Uni.createFrom().completionStage(RELEASE);
    }
}
