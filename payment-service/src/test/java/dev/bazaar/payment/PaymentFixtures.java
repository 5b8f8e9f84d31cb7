package dev.bazaar.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.SellerSplit;
import dev.bazaar.contracts.messaging.PaymentCommand;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.payment.persistence.PaymentStore;
import dev.bazaar.payment.service.PaymentCommands;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** What payment tests set up: shops, captured orders, deliveries, sums of rows, and the sandbox's planned faults. */
@ApplicationScoped
public class PaymentFixtures {

    static final Duration WAIT = Duration.ofSeconds(10);

    /** A captured order: its ids. */
    public record Captured(UUID saga, UUID payment, UUID order) {}

    private final Pool pool;
    private final PaymentCommands commands;
    private final PaymentStore store;

    public PaymentFixtures(Pool pool, PaymentCommands commands, PaymentStore store) {
        this.pool = pool;
        this.commands = commands;
        this.store = store;
    }

    /**
     * Runs {@code work} on a Vert.x context of its own and waits (at most {@link #WAIT}) for its item: service calls
     * that use Hibernate Reactive (payout accounts, ADR 0016) need one, which a test's thread is not.
     */
    public static <T> T onVertxContext(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(
                    () -> work.get().ifNoItem().after(WAIT).fail());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql, Object... args) {
        return pool.preparedQuery(sql)
                .execute(Tuple.from(List.of(args)))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
    }

    public String text(String sql, Object... args) {
        var rows = pool.preparedQuery(sql)
                .execute(Tuple.from(List.of(args)))
                .await()
                .atMost(WAIT);
        return rows.rowCount() == 0 ? null : rows.iterator().next().getString(0);
    }

    public void exec(String sql, Object... args) {
        pool.preparedQuery(sql).execute(Tuple.from(List.of(args))).await().atMost(WAIT);
    }

    public long balance(String account) {
        return count("SELECT coalesce(sum(amount_minor), 0) FROM ledger_entry WHERE account_code = $1", account);
    }

    /** The sum of every account: zero when the ledger balances. */
    public long trialBalance() {
        return count("SELECT coalesce(sum(amount_minor), 0) FROM ledger_entry");
    }

    /** An approved shop, the newest of its owner (shop events of other modules' tests for the same user are older). */
    public void shop(UUID id, String owner) {
        exec(
                "INSERT INTO shop (id, owner_subject, status, version, event_at) VALUES ($1, $2, 'APPROVED', 1, "
                        + "clock_timestamp()) ON CONFLICT (id) DO NOTHING",
                id,
                owner);
    }

    /** A captured payment: $100 goods + $5 shipping + $8 tax, commission $10, from A; $20 + $1.60 tax, $2 from B. */
    public Captured capturedOrder(UUID shopA, UUID shopB) {
        Captured c = authorizedOrder(shopA, shopB, "pm_card_visa");
        var capture = new PaymentCommand.CapturePayment(c.saga(), c.payment(), c.order(), Money.usd(13_460));
        commands.capture(Envelope.of(capture, 0, Instant.now(), null, null), capture)
                .await()
                .atMost(WAIT);
        assertThat(count("SELECT count(*) FROM payment WHERE id = $1 AND status = 'CAPTURED'", c.payment()))
                .isEqualTo(1);
        return c;
    }

    /** The same order, authorized only. */
    public Captured authorizedOrder(UUID shopA, UUID shopB, String paymentMethod) {
        UUID saga = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        var authorize = new PaymentCommand.AuthorizePayment(
                saga,
                payment,
                order,
                "buyer-" + UUID.randomUUID(),
                Money.usd(13_460),
                paymentMethod,
                "US",
                List.of(
                        new SellerSplit(shopA, Money.usd(10_000), Money.usd(500), Money.usd(800), Money.usd(1_000)),
                        new SellerSplit(shopB, Money.usd(2_000), Money.usd(0), Money.usd(160), Money.usd(200))));
        commands.authorize(Envelope.of(authorize, 0, Instant.now(), null, null), authorize)
                .await()
                .atMost(WAIT);
        return new Captured(saga, payment, order);
    }

    public void delivered(UUID order, UUID shop, Instant at) {
        pool.withTransaction(tx -> store.delivered(tx, order, shop, at)).await().atMost(WAIT);
    }

    /**
     * Plans {@code times} faults of the sandbox processor for one kind of call ({@code transfer}, {@code capture},
     * {@code refund}, {@code void}, {@code retrieve} …) about {@code target} (the connected account, the charge …;
     * null: any): {@code unavailable} fails before anything happens, {@code lose_response} does the operation and then
     * fails as a timeout would.
     */
    public void fault(String operation, String target, String mode, int times) {
        exec(
                "INSERT INTO sandbox_fault (operation, target, mode, remaining) VALUES ($1, $2, $3, $4)",
                operation,
                target,
                mode,
                times);
    }

    public void clearFaults() {
        exec("DELETE FROM sandbox_fault");
    }
}
