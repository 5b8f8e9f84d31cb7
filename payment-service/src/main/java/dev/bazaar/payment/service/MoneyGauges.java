package dev.bazaar.payment.service;

import dev.bazaar.kit.leader.LeaderJob;
import dev.bazaar.payment.persistence.MoneyHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges for the alerts of docs/runbooks/payments-and-orders.md: {@code bazaar_refunds_failed} (alert above 0: a buyer
 * is owed money an admin must act on), {@code bazaar_refunds_waiting}, {@code bazaar_payments_unsettled} and
 * {@code bazaar_payouts_open} (alert when they stay above 0 for an hour: the provider has not answered for that long).
 * Refreshed every 15 s on every replica from {@link MoneyHealth}.
 */
@ApplicationScoped
public class MoneyGauges {

    private final MoneyHealth health;
    private final AtomicLong refundsFailed = new AtomicLong();
    private final AtomicLong refundsWaiting = new AtomicLong();
    private final AtomicLong paymentsUnsettled = new AtomicLong();
    private final AtomicLong payoutsOpen = new AtomicLong();

    public MoneyGauges(MoneyHealth health, MeterRegistry registry) {
        this.health = health;
        Gauge.builder("bazaar.refunds.failed", refundsFailed, AtomicLong::get)
                .description("Refunds the provider refused, in the admins' queue")
                .register(registry);
        Gauge.builder("bazaar.refunds.waiting", refundsWaiting, AtomicLong::get)
                .description("Refunds tried without an answer from the provider yet")
                .register(registry);
        Gauge.builder("bazaar.payments.unsettled", paymentsUnsettled, AtomicLong::get)
                .description("Captures and voids waiting for the provider's answer")
                .register(registry);
        Gauge.builder("bazaar.payouts.open", payoutsOpen, AtomicLong::get)
                .description("Payouts recorded or sent and not yet settled")
                .register(registry);
    }

    void start(@Observes StartupEvent start) {
        refresh();
    }

    @Scheduled(identity = "money-gauges", every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return LeaderJob.everyReplica("money gauges", health::counts, c -> {
            refundsFailed.set(c.refundsFailed());
            refundsWaiting.set(c.refundsWaiting());
            paymentsUnsettled.set(c.paymentsUnsettled());
            payoutsOpen.set(c.payoutsOpen());
        });
    }

    /** Reads the counts now (the scheduler does every 15 s). */
    public void refresh() {
        tick().subscribe().with(ok -> {}, e -> {});
    }
}
