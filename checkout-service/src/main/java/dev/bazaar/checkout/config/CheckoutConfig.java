package dev.bazaar.checkout.config;

import dev.bazaar.checkout.domain.CheckoutStatus;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The saga's clocks. The step timeouts — the buyer's window to authenticate the card included — add up to less than
 * the reservation's lifetime ({@link #timeoutsFitTheReservation()}), so a reservation never expires under a saga that
 * is still running (ARCHITECTURE.md, ADR 0015): by default 10 s + 30 s + 10 min + 10 s + 10 s + 30 s ≈ 11.5 min against
 * 30 min. A configuration that breaks the rule is warned about at start (SagaTimeouts).
 */
@ConfigMapping(prefix = "bazaar.checkout")
public interface CheckoutConfig {

    /** How long a quote may be confirmed after it was made (prices and stock move). */
    @WithDefault("30m")
    Duration quoteTtl();

    /** How long the catalog holds the stock of a confirmed checkout unless it is committed first. */
    @WithDefault("30m")
    Duration reservationTtl();

    /** How long {@code POST .../confirm} waits for a terminal state before answering 202. */
    @WithDefault("3s")
    Duration confirmWait();

    /** How often every replica looks for steps past their deadline (the scheduler's resolution is 1 s). */
    @WithDefault("1s")
    String sweepInterval();

    /**
     * Admission control: while this many sagas are running (platform-wide), a confirm that would start another is
     * refused with 503 and {@code Retry-After}, changing nothing. Overload then turns into quick refusals the client
     * retries, instead of sagas that queue until their steps time out and compensate — which adds work exactly when
     * there is least room for it (bench/run: at 50 confirms/s on two cores, 169 of 1,500 completed without it).
     * Sagas waiting on their buyer's card authentication (AWAITING_BUYER_ACTION) are not counted: they cost no work
     * while they wait, and counting them would let 50 buyers with their bank's challenge open refuse everybody for up
     * to the buyer-action window. Each buyer's own share ({@link Limits#runningPerBuyer()}) counts them.
     */
    @WithDefault("50")
    int maxRunning();

    /**
     * The shortest {@code Retry-After} of a confirm refused by admission control; while many clients wait it grows to
     * their expected wait ({@link Admission#maxRetryAfter()} at most).
     */
    @WithDefault("2s")
    Duration busyRetryAfter();

    Admission admission();

    /**
     * Variant lookups sent to the catalog before checkout reports ready (client/CatalogWarmUp: the first ones pay for a
     * service token, the client's connections and both sides' cold code); 0: none.
     */
    @WithDefault("50")
    int catalogWarmUpLookups();

    /**
     * The limit admission control applies, learnt between a floor and {@link #maxRunning()} from how long the saga's
     * steps take (AdmissionLimit, ADR 0029). Off, the limit is {@link #maxRunning()}.
     */
    interface Admission {
        @WithDefault("true")
        boolean adaptive();

        /** The limit never falls below this. */
        @WithDefault("10")
        int minRunning();

        /**
         * A step (reserving, authorizing, placing, committing, capturing) slower than this — or than
         * {@link #tolerance()} times its usual duration, whichever is larger — is a sign of queueing. An internal step
         * takes tens of milliseconds and a card network's about a second at most; a step past a second is waiting
         * behind other sagas. (300 ms, five steps inside the payment SLO, held the 2-core bench platform below the
         * rate it sustains inside the SLO: its steps' P95 passes 300 ms at 16/s, ADR 0029.)
         */
        @WithDefault("1s")
        Duration stepTarget();

        @WithDefault("3")
        double tolerance();

        @WithDefault("60s")
        Duration maxRetryAfter();
    }

    Timeouts timeouts();

    /** Per-buyer abuse limits (429 problem+json with Retry-After); the platform-wide cap above stays. */
    Limits limits();

    interface Limits {
        @WithDefault("true")
        boolean enabled();

        /** Quotes per buyer per {@link #window()} (counted in Redis, shared by replicas). */
        @WithDefault("30")
        int quotesPerBuyer();

        /** Confirm calls per buyer per {@link #window()}, replays included. */
        @WithDefault("10")
        int confirmsPerBuyer();

        @WithDefault("1m")
        Duration window();

        /**
         * Sagas one buyer may have running at once: one buyer confirming in a loop can no longer fill the
         * platform-wide {@link CheckoutConfig#maxRunning()} and get everybody else a 503. Checked under a per-buyer
         * lock in the confirm's own transaction. A saga waiting on the buyer's card authentication counts (it holds
         * stock): abandoning challenges cannot hold more than this many reservations per buyer.
         */
        @WithDefault("3")
        int runningPerBuyer();

        /** Open status streams (SSE) per buyer, across replicas. */
        @WithDefault("5")
        int streamsPerBuyer();
    }

    interface Timeouts {
        @WithDefault("10s")
        Duration reserving();

        @WithDefault("30s")
        Duration authorizing();

        @WithDefault("10s")
        Duration placing();

        @WithDefault("10s")
        Duration committing();

        @WithDefault("30s")
        Duration capturing();

        /**
         * The buyer's window to complete the card's authentication (3-D Secure) once payment asked for it; then the
         * saga fails (TIMEOUT), voids the waiting payment and releases the stock.
         */
        @WithDefault("10m")
        Duration buyerAction();

        /**
         * The longest wait for a payment held for a fraud review (ADR 0026): payment's review window (its
         * {@code review-window}, 15 min) and a minute for its sweep's answer. The saga's deadline is payment's decideBy
         * plus {@link #reviewGrace()}, at most this; then it fails (TIMEOUT), voids the payment and releases the stock.
         */
        @WithDefault("16m")
        Duration review();

        /** How long after payment's decideBy the saga still waits for its answer (the expiry sweep's block). */
        @WithDefault("60s")
        Duration reviewGrace();

        default Duration of(CheckoutStatus step) {
            return switch (step) {
                case RESERVING -> reserving();
                case AUTHORIZING -> authorizing();
                case AWAITING_BUYER_ACTION -> buyerAction();
                case AWAITING_REVIEW -> review();
                case PLACING -> placing();
                case COMMITTING -> committing();
                case CAPTURING -> capturing();
                case QUOTED, COMPLETED, FAILED -> throw new IllegalArgumentException(step + " has no timeout");
            };
        }

        /**
         * The longest a saga can run: every step to its timeout, the buyer's window or the review's, whichever is
         * longer (a payment waiting for its buyer is not held for review; ADR 0026).
         */
        default Duration total() {
            Duration waiting = buyerAction().compareTo(review()) > 0 ? buyerAction() : review();
            return reserving()
                    .plus(authorizing())
                    .plus(waiting)
                    .plus(placing())
                    .plus(committing())
                    .plus(capturing());
        }
    }

    /** The rule of this class's comment: a reservation outlives every saga that may still commit it. */
    default boolean timeoutsFitTheReservation() {
        return timeouts().total().compareTo(reservationTtl()) < 0;
    }
}
