package dev.bazaar.payment.service;

import dev.bazaar.kit.leader.LeaderJob;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Blocks held payments nobody decided within their window ({@code bazaar.payments.fraud.review-sweep-interval}; ADR
 * 0023): the hold is released and the saga compensates, rather than a charge hanging on the buyer's card. Every
 * replica ticks, only the leader runs it.
 */
@ApplicationScoped
public class FraudReviewSweep {

    private static final Logger LOG = Logger.getLogger(FraudReviewSweep.class);

    private final FraudReviews reviews;
    private final LeaderJob job;

    public FraudReviewSweep(Pool pool, FraudReviews reviews) {
        this.reviews = reviews;
        this.job = new LeaderJob(pool, "payment-service:fraud-review-leader");
    }

    @Scheduled(
            identity = "fraud-review-sweep",
            every = "${bazaar.payments.fraud.review-sweep-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return job.tick(reviews::expire, n -> {
            if (n > 0) {
                LOG.infof("fraud reviews: %d blocked, their window expired", n);
            }
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        job.release();
    }
}
