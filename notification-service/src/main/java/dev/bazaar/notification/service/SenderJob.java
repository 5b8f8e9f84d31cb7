package dev.bazaar.notification.service;

import dev.bazaar.kit.leader.LeaderJob;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The sender's schedule: every {@code bazaar.notifications.send-interval}, the leader (the lease
 * {@code notification-service:sender}) sends what is due. The claim's SKIP LOCKED keeps two senders apart anyway,
 * should a lease change hands mid-tick.
 */
@ApplicationScoped
public class SenderJob {

    private static final Logger LOG = Logger.getLogger(SenderJob.class);

    private final Sender sender;
    private final LeaderJob job;

    public SenderJob(Sender sender, Pool pool) {
        this.sender = sender;
        this.job = new LeaderJob(pool, "notification-service:sender");
    }

    @Scheduled(
            identity = "notification-sender",
            every = "${bazaar.notifications.send-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return job.tick(sender::sendDue, tick -> {
            if (tick.sent() + tick.failed() + tick.dead() + tick.suppressed() > 0) {
                LOG.infof("notifications: %s", tick);
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        job.release();
    }
}
