package dev.bazaar.payment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.kit.leader.JobLock;
import dev.bazaar.payment.provider.PaymentProvider;
import dev.bazaar.payment.provider.PaymentProvider.ChargeState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

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
    public record Difference(String kind, String reference, String books, String provider) {
    }

    public record Report(UUID id, Instant ranAt, Instant since, int checked, List<Difference> differences) {
    }

    private final Pool pool;
    private final PaymentProvider provider;
    private final ObjectMapper json;
    private final JobLock lock;
    private final AtomicLong lastDifferences = new AtomicLong();

    public Reconciliation(Pool pool, PaymentProvider provider, ObjectMapper json, MeterRegistry registry) {
        this.pool = pool;
        this.provider = provider;
        this.json = json;
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
        return pool.query("SELECT * FROM reconciliation_run ORDER BY ran_at DESC LIMIT 1").execute()
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(report(rows.iterator().next())));
    }

    private Uni<Report> reconcile(Instant since) {
        List<Difference> found = new ArrayList<>();
        int[] checked = {0};
        return payments(since, found, checked)
                .flatMap(x -> transfers(since, found, checked))
                .flatMap(x -> {
                    Report r = new Report(UUID.randomUUID(), Instant.now(), since, checked[0], List.copyOf(found));
                    return pool.preparedQuery("INSERT INTO reconciliation_run (id, ran_at, since, checked, differences) "
                            + "VALUES ($1, $2, $3, $4, $5::text::jsonb)")
                            .execute(Tuple.of(r.id(), r.ranAt().atOffset(ZoneOffset.UTC), since.atOffset(ZoneOffset.UTC),
                                    r.checked(), write(r.differences())))
                            .invoke(rows -> {
                                lastDifferences.set(found.size());
                                if (!found.isEmpty()) {
                                    LOG.warnf("reconciliation since %s: %d difference(s) between the books and the "
                                            + "provider (GET /api/v1/admin/reconciliation)", since, found.size());
                                }
                            })
                            .replaceWith(r);
                });
    }

    private Uni<Void> payments(Instant since, List<Difference> found, int[] checked) {
        return pool.preparedQuery("""
                SELECT p.id, p.status, p.provider_reference, p.captured_minor,
                       (SELECT coalesce(sum(r.amount_minor), 0) FROM refund r WHERE r.payment_id = p.id
                          AND r.status = 'SUCCEEDED' AND r.source <> 'DISPUTE') AS refunded,
                       EXISTS (SELECT 1 FROM refund r WHERE r.payment_id = p.id AND r.status = 'PENDING') AS in_flight
                FROM payment p
                WHERE p.created_at >= $1 AND p.provider_reference IS NOT NULL
                  AND p.status IN ('CAPTURED', 'VOIDED', 'CAPTURE_FAILED')
                ORDER BY p.created_at LIMIT 5000""").execute(Tuple.of(since.atOffset(ZoneOffset.UTC)))
                .flatMap(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Row r : rows) {
                        chain = chain.flatMap(x -> provider.chargeState(r.getString("provider_reference"))
                                .invoke(state -> {
                                    checked[0]++;
                                    compare(r, state, found);
                                })
                                .onFailure().recoverWithItem(e -> {
                                    found.add(new Difference("unreachable", r.getUUID("id").toString(),
                                            r.getString("status"), "no answer: " + e.getMessage()));
                                    return null;
                                })
                                .replaceWithVoid());
                    }
                    return chain;
                });
    }

    static void compare(Row r, ChargeState state, List<Difference> found) {
        String payment = r.getUUID("id").toString();
        String status = r.getString("status");
        if ("CAPTURED".equals(status)) {
            if (state.status() != ChargeState.Status.CAPTURED || state.captured() != r.getLong("captured_minor")) {
                found.add(new Difference("capture", payment, "captured " + r.getLong("captured_minor"),
                        state.status() + " " + state.captured()));
            } else if (!r.getBoolean("in_flight") && state.refunded() != r.getLong("refunded")) {
                found.add(new Difference("refunds", payment, "refunded " + r.getLong("refunded"),
                        "refunded " + state.refunded()));
            }
        } else if (state.status() == ChargeState.Status.AUTHORIZED) {
            found.add(new Difference("hold", payment, status, "authorization still holds the buyer's money"));
        } else if (state.status() == ChargeState.Status.CAPTURED && state.captured() > state.refunded()) {
            found.add(new Difference("kept", payment, status, "captured " + state.captured() + ", refunded "
                    + state.refunded()));
        }
    }

    private Uni<Void> transfers(Instant since, List<Difference> found, int[] checked) {
        return provider.transfersSince(since).flatMap(transfers -> pool.preparedQuery("""
                SELECT id, status, amount_minor FROM payout WHERE created_at >= $1""")
                .execute(Tuple.of(since.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Map<String, List<PaymentProvider.ProviderTransfer>> byGroup = new HashMap<>();
                    for (PaymentProvider.ProviderTransfer t : transfers) {
                        if (t.transferGroup() != null && t.transferGroup().startsWith("payout:")) {
                            byGroup.computeIfAbsent(t.transferGroup(), k -> new ArrayList<>()).add(t);
                        }
                    }
                    Map<String, Long> paid = new HashMap<>();
                    java.util.Set<String> open = new java.util.HashSet<>();
                    rows.forEach(r -> {
                        String group = "payout:" + r.getUUID("id");
                        switch (r.getString("status")) {
                            case "PAID" -> paid.put(group, r.getLong("amount_minor"));
                            case "PENDING", "UNKNOWN" -> open.add(group); // settled by the next run, not a finding
                            default -> {
                            }
                        }
                    });
                    paid.forEach((group, amount) -> {
                        checked[0]++;
                        List<PaymentProvider.ProviderTransfer> made = byGroup.getOrDefault(group, List.of());
                        long sent = made.stream().mapToLong(PaymentProvider.ProviderTransfer::amount).sum();
                        if (made.size() != 1 || sent != amount) {
                            found.add(new Difference("payout", group.substring("payout:".length()), "paid " + amount,
                                    made.size() + " transfer(s) of " + sent));
                        }
                    });
                    byGroup.forEach((group, made) -> {
                        if (!paid.containsKey(group) && !open.contains(group)) {
                            checked[0]++;
                            found.add(new Difference("transfer", group.substring("payout:".length()),
                                    "no PAID payout", made.size() + " transfer(s) of "
                                            + made.stream().mapToLong(PaymentProvider.ProviderTransfer::amount).sum()));
                        }
                    });
                    return null;
                })).onFailure().recoverWithItem(e -> {
                    found.add(new Difference("unreachable", "transfers", "payouts", "no answer: " + e.getMessage()));
                    return null;
                }).replaceWithVoid();
    }

    private String write(List<Difference> differences) {
        try {
            return json.writeValueAsString(differences);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Report report(Row r) {
        try {
            List<Difference> differences = List.of(json.readValue(r.getValue("differences").toString(),
                    Difference[].class));
            return new Report(r.getUUID("id"), r.getOffsetDateTime("ran_at").toInstant(),
                    r.getOffsetDateTime("since").toInstant(), r.getInteger("checked"), differences);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
