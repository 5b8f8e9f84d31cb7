package dev.bazaar.payment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.kit.leader.JobLock;
import dev.bazaar.payment.persistence.ReconciliationStore;
import dev.bazaar.payment.persistence.ReconciliationStore.BookedPayment;
import dev.bazaar.payment.provider.PaymentProvider;
import dev.bazaar.payment.provider.PaymentProvider.ChargeState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Compares the books with the provider's own records and reports every difference (ADR 0010): for each payment since
 * {@code since}, what the provider captured and refunded against what this service booked (and that nothing is held
 * or kept on a charge this service voided or failed); every transfer the provider made since then against the PAID
 * payouts (one transfer per payout, of its amount, and none unknown to the books). A difference is a finding for a
 * person — the run changes nothing. One run at a time; the leader runs it daily
 * ({@code bazaar.payments.reconcile-interval}), admins on demand; the last run's count is the gauge
 * {@code bazaar_reconciliation_differences}.
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    /** One finding: what kind, about which record, what the books say and what the provider says. */
    public record Difference(String kind, String reference, String books, String provider) {}

    public record Report(UUID id, Instant ranAt, Instant since, int checked, List<Difference> differences) {}

    private final ReconciliationStore store;
    private final PaymentProvider provider;
    private final ObjectMapper json;
    private final Clock clock;
    private final JobLock lock;
    private final AtomicLong lastDifferences = new AtomicLong();

    public Reconciliation(
            Pool pool,
            ReconciliationStore store,
            PaymentProvider provider,
            ObjectMapper json,
            MeterRegistry registry,
            Clock clock) {
        this.store = store;
        this.provider = provider;
        this.json = json;
        this.clock = clock;
        this.lock = new JobLock(pool, "payment-service:reconciliation");
        Gauge.builder("bazaar.reconciliation.differences", lastDifferences, AtomicLong::get)
                .description("Differences between the books and the provider found by the last reconciliation")
                .register(registry);
    }

    /** Runs a reconciliation of what happened since {@code since}; empty when another run is going on. */
    public Uni<Optional<Report>> run(Instant since) {
        return lock.runExclusively(() -> reconcile(since));
    }

    public Uni<Optional<Report>> last() {
        return store.lastRun().map(run -> run.map(this::report));
    }

    private Uni<Report> reconcile(Instant since) {
        List<Difference> found = new ArrayList<>();
        int[] checked = {0};
        return payments(since, found, checked)
                .flatMap(x -> transfers(since, found, checked))
                .flatMap(x -> {
                    Report r = new Report(UUID.randomUUID(), clock.instant(), since, checked[0], List.copyOf(found));
                    return store.saveRun(new ReconciliationStore.StoredRun(
                                    r.id(), r.ranAt(), since, r.checked(), write(r.differences())))
                            .invoke(() -> {
                                lastDifferences.set(found.size());
                                if (!found.isEmpty()) {
                                    LOG.warnf(
                                            "reconciliation since %s: %d difference(s) between the books and the "
                                                    + "provider (GET /api/v1/admin/reconciliation)",
                                            since, found.size());
                                }
                            })
                            .replaceWith(r);
                });
    }

    private Uni<Void> payments(Instant since, List<Difference> found, int[] checked) {
        // one payment after the other, in the books' order
        return store.paymentsSince(since)
                .flatMap(payments -> Multi.createFrom()
                        .iterable(payments)
                        .onItem()
                        .transformToUniAndConcatenate(r -> provider.chargeState(r.providerReference())
                                .invoke(state -> {
                                    checked[0]++;
                                    compare(r, state, found);
                                })
                                .onFailure()
                                .recoverWithItem(e -> {
                                    found.add(new Difference(
                                            "unreachable",
                                            r.id().toString(),
                                            r.status(),
                                            "no answer: " + e.getMessage()));
                                    return null;
                                })
                                .replaceWithVoid())
                        .collect()
                        .last()
                        .replaceWithVoid());
    }

    static void compare(BookedPayment r, ChargeState state, List<Difference> found) {
        String payment = r.id().toString();
        String status = r.status();
        if ("CAPTURED".equals(status)) {
            if (state.status() != ChargeState.Status.CAPTURED || state.captured() != r.captured()) {
                found.add(new Difference(
                        "capture", payment, "captured " + r.captured(), state.status() + " " + state.captured()));
            } else if (!r.refundInFlight() && state.refunded() != r.refunded()) {
                found.add(
                        new Difference("refunds", payment, "refunded " + r.refunded(), "refunded " + state.refunded()));
            }
        } else if (state.status() == ChargeState.Status.AUTHORIZED) {
            found.add(new Difference("hold", payment, status, "authorization still holds the buyer's money"));
        } else if (state.status() == ChargeState.Status.CAPTURED && state.captured() > state.refunded()) {
            found.add(new Difference(
                    "kept", payment, status, "captured " + state.captured() + ", refunded " + state.refunded()));
        }
    }

    private Uni<Void> transfers(Instant since, List<Difference> found, int[] checked) {
        return provider.transfersSince(since)
                .flatMap(transfers -> store.payoutsSince(since).map(payouts -> {
                    Map<String, List<PaymentProvider.ProviderTransfer>> byGroup = new HashMap<>();
                    for (PaymentProvider.ProviderTransfer t : transfers) {
                        if (t.transferGroup() != null && t.transferGroup().startsWith("payout:")) {
                            byGroup.computeIfAbsent(t.transferGroup(), k -> new ArrayList<>())
                                    .add(t);
                        }
                    }
                    Map<String, Long> paid = new HashMap<>();
                    java.util.Set<String> open = new java.util.HashSet<>();
                    payouts.forEach(r -> {
                        String group = "payout:" + r.id();
                        switch (r.status()) {
                            case "PAID" -> paid.put(group, r.amount());
                            case "PENDING", "UNKNOWN" -> open.add(group); // settled by the next run, not a finding
                            default -> {}
                        }
                    });
                    paid.forEach((group, amount) -> {
                        checked[0]++;
                        List<PaymentProvider.ProviderTransfer> made = byGroup.getOrDefault(group, List.of());
                        long sent = made.stream()
                                .mapToLong(PaymentProvider.ProviderTransfer::amount)
                                .sum();
                        if (made.size() != 1 || sent != amount) {
                            found.add(new Difference(
                                    "payout",
                                    group.substring("payout:".length()),
                                    "paid " + amount,
                                    made.size() + " transfer(s) of " + sent));
                        }
                    });
                    byGroup.forEach((group, made) -> {
                        if (!paid.containsKey(group) && !open.contains(group)) {
                            checked[0]++;
                            found.add(new Difference(
                                    "transfer",
                                    group.substring("payout:".length()),
                                    "no PAID payout",
                                    made.size() + " transfer(s) of "
                                            + made.stream()
                                                    .mapToLong(PaymentProvider.ProviderTransfer::amount)
                                                    .sum()));
                        }
                    });
                    return null;
                }))
                .onFailure()
                .recoverWithItem(e -> {
                    found.add(new Difference("unreachable", "transfers", "payouts", "no answer: " + e.getMessage()));
                    return null;
                })
                .replaceWithVoid();
    }

    private String write(List<Difference> differences) {
        try {
            return json.writeValueAsString(differences);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Report report(ReconciliationStore.StoredRun r) {
        try {
            List<Difference> differences = List.of(json.readValue(r.differences(), Difference[].class));
            return new Report(r.id(), r.ranAt(), r.since(), r.checked(), differences);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
