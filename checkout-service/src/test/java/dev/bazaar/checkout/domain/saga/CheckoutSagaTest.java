package dev.bazaar.checkout.domain.saga;

import static dev.bazaar.checkout.domain.CheckoutStatus.AUTHORIZING;
import static dev.bazaar.checkout.domain.CheckoutStatus.AWAITING_BUYER_ACTION;
import static dev.bazaar.checkout.domain.CheckoutStatus.AWAITING_REVIEW;
import static dev.bazaar.checkout.domain.CheckoutStatus.CAPTURING;
import static dev.bazaar.checkout.domain.CheckoutStatus.COMMITTING;
import static dev.bazaar.checkout.domain.CheckoutStatus.COMPLETED;
import static dev.bazaar.checkout.domain.CheckoutStatus.FAILED;
import static dev.bazaar.checkout.domain.CheckoutStatus.PLACING;
import static dev.bazaar.checkout.domain.CheckoutStatus.QUOTED;
import static dev.bazaar.checkout.domain.CheckoutStatus.RESERVING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.checkout.domain.CheckoutStatus;
import dev.bazaar.checkout.domain.saga.CheckoutSaga.Action;
import dev.bazaar.checkout.domain.saga.CheckoutSaga.Decision;
import dev.bazaar.checkout.domain.saga.CheckoutSaga.FailureReason;
import dev.bazaar.checkout.domain.saga.CheckoutSaga.Input;
import dev.bazaar.checkout.domain.saga.CheckoutSaga.State;
import dev.bazaar.contracts.messaging.InventoryReply;
import dev.bazaar.contracts.messaging.Lines.Shortage;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.OrderReply;
import dev.bazaar.contracts.messaging.PaymentReply;
import dev.bazaar.contracts.messaging.PaymentReply.DeclineReason;
import dev.bazaar.contracts.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CheckoutSagaTest {

    static final UUID SAGA = UUID.randomUUID();
    static final UUID RES = UUID.randomUUID();
    static final UUID PAY = UUID.randomUUID();
    static final UUID ORDER = UUID.randomUUID();
    static final UUID VARIANT = UUID.randomUUID();

    static final Message RESERVED = new InventoryReply.StockReserved(SAGA, RES, Instant.parse("2026-11-24T10:00:00Z"));
    static final Message REJECTED = new InventoryReply.StockRejected(SAGA, RES, List.of(new Shortage(VARIANT, 3, 1)));
    static final Message COMMITTED = new InventoryReply.ReservationCommitted(SAGA, RES);
    static final Message RELEASED = new InventoryReply.ReservationReleased(SAGA, RES);
    static final Message AUTHORIZED = new PaymentReply.PaymentAuthorized(SAGA, PAY, ORDER, Money.usd(1_000), "pi_1");
    static final Message CAPTURED = new PaymentReply.PaymentCaptured(SAGA, PAY, ORDER, Money.usd(1_000));
    static final Message CAPTURE_FAILED = new PaymentReply.PaymentCaptureFailed(SAGA, PAY, ORDER, "expired");
    static final Message VOIDED = new PaymentReply.PaymentVoided(SAGA, PAY, ORDER);
    static final Message PLACED = new OrderReply.OrderPlaced(SAGA, ORDER);
    static final Message ORDER_REJECTED = new OrderReply.OrderRejected(SAGA, ORDER, "invalid groups");
    static final Message CANCELLED = new OrderReply.OrderCancelled(SAGA, ORDER);
    static final String SECRET = "pi_3DS_secret_abc123";
    static final String REDIRECT = "https://hooks.stripe.com/3d_secure_2/hosted?client_secret=" + SECRET;
    static final Message ACTION_REQUIRED = new PaymentReply.PaymentActionRequired(
            SAGA, PAY, ORDER, SECRET, new PaymentReply.NextAction("redirect_to_url", REDIRECT));
    static final State AWAITING = on(AUTHORIZING, ACTION_REQUIRED).next();

    static Message declined(DeclineReason reason) {
        return new PaymentReply.PaymentDeclined(SAGA, PAY, ORDER, reason, "card declined");
    }

    static Decision on(CheckoutStatus at, Message m) {
        return CheckoutSaga.decide(State.of(at), new CheckoutSaga.Reply(m));
    }

    static Decision timeoutAt(CheckoutStatus at) {
        return CheckoutSaga.decide(State.of(at), new CheckoutSaga.Timeout(at));
    }

    @Test
    void theHappyPathSendsEachStepsCommandAndCompletesOnce() {
        State s = State.of(QUOTED);
        List<Action> sent = new ArrayList<>();
        for (Input in : List.of(
                new CheckoutSaga.Confirm(),
                new CheckoutSaga.Reply(RESERVED),
                new CheckoutSaga.Reply(AUTHORIZED),
                new CheckoutSaga.Reply(PLACED),
                new CheckoutSaga.Reply(COMMITTED),
                new CheckoutSaga.Reply(CAPTURED))) {
            Decision d = CheckoutSaga.decide(s, in);
            assertThat(d.changed())
                    .as("%s moves the saga on from %s", in, s.status())
                    .isTrue();
            sent.addAll(d.actions());
            s = d.next();
        }
        assertThat(s).isEqualTo(State.of(COMPLETED));
        assertThat(sent)
                .containsExactly(
                        Action.RESERVE_STOCK,
                        Action.AUTHORIZE_PAYMENT,
                        Action.PLACE_ORDER,
                        Action.COMMIT_RESERVATION,
                        Action.CAPTURE_PAYMENT,
                        Action.PUBLISH_COMPLETED);
    }

    @Test
    void outOfStockFailsWithTheShortagesAndNothingToCompensate() {
        Decision d = on(RESERVING, REJECTED);
        assertThat(d.next().status()).isEqualTo(FAILED);
        assertThat(d.next().failure().reason()).isEqualTo(FailureReason.OUT_OF_STOCK);
        assertThat(d.next().failure().shortages()).containsExactly(new Shortage(VARIANT, 3, 1));
        assertThat(d.actions()).containsExactly(Action.PUBLISH_FAILED);
    }

    @Test
    void aDeclinedOrBlockedPaymentReleasesTheStockOnly() {
        Decision declined = on(AUTHORIZING, declined(DeclineReason.DECLINED));
        assertThat(declined.next().failure().reason()).isEqualTo(FailureReason.PAYMENT_DECLINED);
        assertThat(declined.actions()).containsExactly(Action.RELEASE_RESERVATION, Action.PUBLISH_FAILED);

        assertThat(on(AUTHORIZING, declined(DeclineReason.FRAUD))
                        .next()
                        .failure()
                        .reason())
                .isEqualTo(FailureReason.PAYMENT_BLOCKED);
        assertThat(on(AUTHORIZING, declined(DeclineReason.PROVIDER_ERROR))
                        .next()
                        .failure()
                        .reason())
                .isEqualTo(FailureReason.PAYMENT_PROVIDER_ERROR);
        assertThat(on(AUTHORIZING, declined(DeclineReason.OTHER))
                        .next()
                        .failure()
                        .reason())
                .as("a reason this code does not know is a decline")
                .isEqualTo(FailureReason.PAYMENT_DECLINED);
    }

    @Test
    void aRejectedOrderVoidsThePaymentAndReleasesTheStock() {
        Decision d = on(PLACING, ORDER_REJECTED);
        assertThat(d.next().failure().reason()).isEqualTo(FailureReason.ORDER_REJECTED);
        assertThat(d.actions()).containsExactly(Action.VOID_PAYMENT, Action.RELEASE_RESERVATION, Action.PUBLISH_FAILED);
    }

    @Test
    void failuresAfterTheOrderWasPlacedCancelItVoidOrRefundAndRelease() {
        for (Decision d : List.of(on(CAPTURING, CAPTURE_FAILED), on(COMMITTING, RELEASED))) {
            assertThat(d.next().status()).isEqualTo(FAILED);
            assertThat(d.actions())
                    .containsExactly(
                            Action.CANCEL_ORDER,
                            Action.VOID_PAYMENT,
                            Action.RELEASE_RESERVATION,
                            Action.PUBLISH_FAILED);
        }
        assertThat(on(CAPTURING, CAPTURE_FAILED).next().failure().reason()).isEqualTo(FailureReason.CAPTURE_FAILED);
        assertThat(on(COMMITTING, RELEASED).next().failure().reason()).isEqualTo(FailureReason.RESERVATION_LOST);
    }

    @Test
    void aTimeoutCompensatesAsIfTheStepHadTakenEffect() {
        assertThat(timeoutAt(RESERVING).actions()).containsExactly(Action.RELEASE_RESERVATION, Action.PUBLISH_FAILED);
        assertThat(timeoutAt(AUTHORIZING).actions())
                .containsExactly(Action.VOID_PAYMENT, Action.RELEASE_RESERVATION, Action.PUBLISH_FAILED);
        for (CheckoutStatus step : List.of(PLACING, COMMITTING, CAPTURING)) {
            Decision d = timeoutAt(step);
            assertThat(d.next().failure().reason()).isEqualTo(FailureReason.TIMEOUT);
            assertThat(d.next().failure().step()).isEqualTo(step);
            assertThat(d.actions())
                    .as("timeout at %s", step)
                    .containsExactly(
                            Action.CANCEL_ORDER,
                            Action.VOID_PAYMENT,
                            Action.RELEASE_RESERVATION,
                            Action.PUBLISH_FAILED);
        }
    }

    @Test
    void aStaleTimeoutOfAStepAlreadyLeftChangesNothing() {
        Decision d = CheckoutSaga.decide(State.of(PLACING), new CheckoutSaga.Timeout(AUTHORIZING));
        assertThat(d.isNoop()).isTrue();
        assertThat(CheckoutSaga.decide(State.of(COMPLETED), new CheckoutSaga.Timeout(CAPTURING))
                        .isNoop())
                .isTrue();
    }

    @Test
    void aLateSuccessAfterFailureIsCompensatedToo() {
        State failed = timeoutAt(AUTHORIZING).next();
        assertLate(failed, AUTHORIZED, Action.VOID_PAYMENT);
        assertLate(failed, CAPTURED, Action.VOID_PAYMENT);
        assertLate(failed, RESERVED, Action.RELEASE_RESERVATION);
        assertLate(failed, COMMITTED, Action.RELEASE_RESERVATION);
        assertLate(failed, PLACED, Action.CANCEL_ORDER);
    }

    private static void assertLate(State failed, Message m, Action expected) {
        Decision d = CheckoutSaga.decide(failed, new CheckoutSaga.Reply(m));
        assertThat(d.next())
                .as("a late %s leaves the failure as it was", m.type())
                .isEqualTo(failed);
        assertThat(d.changed()).isFalse();
        assertThat(d.late()).isTrue();
        assertThat(d.actions()).containsExactly(expected);
    }

    @Test
    void lateFailuresAndAcknowledgementsChangeNothing() {
        State failed = on(AUTHORIZING, declined(DeclineReason.DECLINED)).next();
        for (Message m : List.of(
                REJECTED,
                RELEASED,
                VOIDED,
                CANCELLED,
                CAPTURE_FAILED,
                ORDER_REJECTED,
                declined(DeclineReason.VOIDED),
                new OrderReply.OrderCancelRefused(SAGA, ORDER, "shipped"))) {
            assertThat(CheckoutSaga.decide(failed, new CheckoutSaga.Reply(m)).isNoop())
                    .as(m.type())
                    .isTrue();
        }
    }

    @Test
    void aCompletedSagaIgnoresEverything() {
        State done = State.of(COMPLETED);
        for (Message m : List.of(
                RESERVED,
                REJECTED,
                AUTHORIZED,
                declined(DeclineReason.DECLINED),
                PLACED,
                ORDER_REJECTED,
                COMMITTED,
                RELEASED,
                CAPTURED,
                CAPTURE_FAILED,
                VOIDED,
                CANCELLED,
                ACTION_REQUIRED)) {
            assertThat(CheckoutSaga.decide(done, new CheckoutSaga.Reply(m)).isNoop())
                    .as(m.type())
                    .isTrue();
        }
        assertThat(CheckoutSaga.decide(done, new CheckoutSaga.Confirm()).isNoop())
                .isTrue();
    }

    @Test
    void duplicatesOfEarlierRepliesAndASecondConfirmChangeNothing() {
        assertThat(on(AUTHORIZING, RESERVED).isNoop()).isTrue();
        assertThat(on(PLACING, AUTHORIZED).isNoop()).isTrue();
        assertThat(on(CAPTURING, PLACED).isNoop()).isTrue();
        assertThat(on(CAPTURING, COMMITTED).isNoop()).isTrue();
        assertThat(CheckoutSaga.decide(State.of(RESERVING), new CheckoutSaga.Confirm())
                        .isNoop())
                .isTrue();
        assertThat(on(QUOTED, RESERVED).isNoop())
                .as("a reply for a saga never started")
                .isTrue();
    }

    // --- 3-D Secure: the saga waits for the buyer to authenticate the card (AWAITING_BUYER_ACTION)

    @Test
    void anActionRequiredWhileAuthorizingWaitsForTheBuyerKeepingTheSecretAndSendsNothing() {
        Decision d = on(AUTHORIZING, ACTION_REQUIRED);
        assertThat(d.changed()).isTrue();
        assertThat(d.actions()).as("nothing to send: the buyer's app acts").isEmpty();
        assertThat(d.next().status()).isEqualTo(AWAITING_BUYER_ACTION);
        assertThat(d.next().failure()).isNull();
        assertThat(d.next().buyerAction()).isEqualTo(new CheckoutSaga.BuyerAction(SECRET, "redirect_to_url", REDIRECT));

        Decision sdk = on(
                AUTHORIZING,
                new PaymentReply.PaymentActionRequired(
                        SAGA, PAY, ORDER, SECRET, new PaymentReply.NextAction("use_stripe_sdk", null)));
        assertThat(sdk.next().buyerAction()).isEqualTo(new CheckoutSaga.BuyerAction(SECRET, "use_stripe_sdk", null));
    }

    @Test
    void theHappyPathThroughAChallengeSendsTheSameCommandsAndForgetsTheSecret() {
        State s = State.of(QUOTED);
        List<Action> sent = new ArrayList<>();
        List<CheckoutStatus> seen = new ArrayList<>();
        for (Input in : List.of(
                new CheckoutSaga.Confirm(),
                new CheckoutSaga.Reply(RESERVED),
                new CheckoutSaga.Reply(ACTION_REQUIRED),
                new CheckoutSaga.Reply(AUTHORIZED),
                new CheckoutSaga.Reply(PLACED),
                new CheckoutSaga.Reply(COMMITTED),
                new CheckoutSaga.Reply(CAPTURED))) {
            Decision d = CheckoutSaga.decide(s, in);
            assertThat(d.changed())
                    .as("%s moves the saga on from %s", in, s.status())
                    .isTrue();
            sent.addAll(d.actions());
            s = d.next();
            seen.add(s.status());
        }
        assertThat(seen)
                .containsExactly(
                        RESERVING, AUTHORIZING, AWAITING_BUYER_ACTION, PLACING, COMMITTING, CAPTURING, COMPLETED);
        assertThat(s).isEqualTo(State.of(COMPLETED));
        assertThat(sent)
                .containsExactly(
                        Action.RESERVE_STOCK,
                        Action.AUTHORIZE_PAYMENT,
                        Action.PLACE_ORDER,
                        Action.COMMIT_RESERVATION,
                        Action.CAPTURE_PAYMENT,
                        Action.PUBLISH_COMPLETED);
    }

    @Test
    void anAuthorizationAfterTheChallengePlacesTheOrderExactlyAsFromAuthorizing() {
        Decision d = CheckoutSaga.decide(AWAITING, new CheckoutSaga.Reply(AUTHORIZED));
        assertThat(d).isEqualTo(on(AUTHORIZING, AUTHORIZED));
        assertThat(d.next()).as("the secret is not kept past the wait").isEqualTo(State.of(PLACING));
        assertThat(d.actions()).containsExactly(Action.PLACE_ORDER);
    }

    @Test
    void aDeclineAfterTheChallengeFailsWithTheSameMappingVoidsTheWaitingPaymentAndReleases() {
        for (DeclineReason reason : DeclineReason.values()) {
            Decision atAuthorizing = on(AUTHORIZING, declined(reason));
            Decision d = CheckoutSaga.decide(AWAITING, new CheckoutSaga.Reply(declined(reason)));
            assertThat(d.next().status()).isEqualTo(FAILED);
            assertThat(d.next().buyerAction()).isNull();
            assertThat(d.next().failure().reason())
                    .as("%s maps as while authorizing", reason)
                    .isEqualTo(atAuthorizing.next().failure().reason());
            assertThat(d.next().failure().step()).isEqualTo(AWAITING_BUYER_ACTION);
            assertThat(d.next().failure().detail()).isEqualTo("card declined");
            // a failed challenge leaves the payment confirmable by the buyer's app: the void cancels it
            assertThat(d.actions())
                    .containsExactly(Action.VOID_PAYMENT, Action.RELEASE_RESERVATION, Action.PUBLISH_FAILED);
        }
        assertThat(CheckoutSaga.decide(AWAITING, new CheckoutSaga.Reply(declined(DeclineReason.DECLINED)))
                        .next()
                        .failure()
                        .reason())
                .isEqualTo(FailureReason.PAYMENT_DECLINED);
        assertThat(CheckoutSaga.compensations(AWAITING_BUYER_ACTION, false))
                .containsExactly(Action.VOID_PAYMENT, Action.RELEASE_RESERVATION);
    }

    @Test
    void aSecondActionRequiredWhileWaitingChangesNothingAndKeepsTheFirstSecret() {
        Decision d = CheckoutSaga.decide(AWAITING, new CheckoutSaga.Reply(ACTION_REQUIRED));
        assertThat(d.isNoop()).isTrue();
        Decision other = CheckoutSaga.decide(
                AWAITING,
                new CheckoutSaga.Reply(new PaymentReply.PaymentActionRequired(
                        SAGA, PAY, ORDER, "pi_other_secret", new PaymentReply.NextAction("use_stripe_sdk", null))));
        assertThat(other.isNoop()).isTrue();
        assertThat(other.next()).isEqualTo(AWAITING);
        assertThat(other.next().buyerAction().clientSecret()).isEqualTo(SECRET);
    }

    @Test
    void theBuyersWindowRunningOutFailsAsATimeoutVoidingAndReleasing() {
        Decision d = CheckoutSaga.decide(AWAITING, new CheckoutSaga.Timeout(AWAITING_BUYER_ACTION));
        assertThat(d.next().status()).isEqualTo(FAILED);
        assertThat(d.next().buyerAction()).isNull();
        assertThat(d.next().failure().reason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(d.next().failure().step()).isEqualTo(AWAITING_BUYER_ACTION);
        assertThat(d.next().failure().detail()).contains("authentication");
        assertThat(d.actions()).containsExactly(Action.VOID_PAYMENT, Action.RELEASE_RESERVATION, Action.PUBLISH_FAILED);
    }

    @Test
    void staleTimeoutsAroundTheWaitChangeNothing() {
        assertThat(CheckoutSaga.decide(AWAITING, new CheckoutSaga.Timeout(AUTHORIZING))
                        .isNoop())
                .as("the authorize step's deadline, already left")
                .isTrue();
        assertThat(CheckoutSaga.decide(State.of(PLACING), new CheckoutSaga.Timeout(AWAITING_BUYER_ACTION))
                        .isNoop())
                .as("the buyer's window, already left")
                .isTrue();
        State failed = CheckoutSaga.decide(AWAITING, new CheckoutSaga.Timeout(AWAITING_BUYER_ACTION))
                .next();
        assertThat(CheckoutSaga.decide(failed, new CheckoutSaga.Timeout(AWAITING_BUYER_ACTION))
                        .isNoop())
                .isTrue();
    }

    @Test
    void aLateActionRequiredAfterFailureVoidsTheWaitingPayment() {
        assertLate(timeoutAt(AUTHORIZING).next(), ACTION_REQUIRED, Action.VOID_PAYMENT);
        assertLate(on(RESERVING, REJECTED).next(), ACTION_REQUIRED, Action.VOID_PAYMENT);
        // and a late authorization after the buyer's window ran out is voided like any late success
        State expired = CheckoutSaga.decide(AWAITING, new CheckoutSaga.Timeout(AWAITING_BUYER_ACTION))
                .next();
        assertLate(expired, AUTHORIZED, Action.VOID_PAYMENT);
        assertLate(expired, ACTION_REQUIRED, Action.VOID_PAYMENT);
        assertThat(CheckoutSaga.decide(expired, new CheckoutSaga.Reply(declined(DeclineReason.DECLINED)))
                        .isNoop())
                .as("the decline that follows the void changes nothing")
                .isTrue();
        assertThat(CheckoutSaga.decide(expired, new CheckoutSaga.Reply(VOIDED)).isNoop())
                .isTrue();
    }

    @Test
    void anActionRequiredAnywhereElseChangesNothing() {
        for (CheckoutStatus at : List.of(QUOTED, RESERVING, PLACING, COMMITTING, CAPTURING, COMPLETED)) {
            assertThat(on(at, ACTION_REQUIRED).isNoop()).as("at %s", at).isTrue();
        }
    }

    @Test
    void whileWaitingOnlyThePaymentsAnswerOrTheTimeoutMoveTheSaga() {
        for (Message m : List.of(
                RESERVED,
                REJECTED,
                PLACED,
                ORDER_REJECTED,
                COMMITTED,
                RELEASED,
                CAPTURED,
                CAPTURE_FAILED,
                VOIDED,
                CANCELLED)) {
            Decision d = CheckoutSaga.decide(AWAITING, new CheckoutSaga.Reply(m));
            assertThat(d.isNoop()).as(m.type()).isTrue();
            assertThat(d.next()).isEqualTo(AWAITING);
        }
        assertThat(CheckoutSaga.decide(AWAITING, new CheckoutSaga.Confirm()).isNoop())
                .isTrue();
    }

    @Test
    void theBuyerActionIsKeptOnlyWhileWaitingAndNeverPrinted() {
        CheckoutSaga.BuyerAction a = new CheckoutSaga.BuyerAction(SECRET, "redirect_to_url", REDIRECT);
        assertThatThrownBy(() -> new State(PLACING, null, a)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new State(
                        FAILED, new CheckoutSaga.Failure(FailureReason.TIMEOUT, AWAITING_BUYER_ACTION, "x", null), a))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(a.toString())
                .contains("redirect_to_url")
                .doesNotContain(SECRET)
                .doesNotContain("hooks.stripe");
        assertThat(AWAITING.toString()).doesNotContain(SECRET);
        assertThat(CheckoutSaga.decide(AWAITING, new CheckoutSaga.Reply(AUTHORIZED))
                        .toString())
                .doesNotContain(SECRET);
    }

    @Test
    void aFailureIsRecordedExactlyWhenFailed() {
        assertThatThrownBy(() -> new State(FAILED, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> new State(PLACING, new CheckoutSaga.Failure(FailureReason.TIMEOUT, PLACING, "x", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- any order of any inputs: the money and stock invariants hold

    @Provide
    Arbitrary<List<Input>> inputs() {
        List<Input> all = new ArrayList<>();
        all.add(new CheckoutSaga.Confirm());
        for (Message m : List.of(
                RESERVED,
                REJECTED,
                AUTHORIZED,
                declined(DeclineReason.DECLINED),
                declined(DeclineReason.FRAUD),
                PLACED,
                ORDER_REJECTED,
                COMMITTED,
                RELEASED,
                CAPTURED,
                CAPTURE_FAILED,
                VOIDED,
                CANCELLED,
                ACTION_REQUIRED,
                ACTION_REQUIRED)) {
            all.add(new CheckoutSaga.Reply(m));
        }
        for (CheckoutStatus s : CheckoutStatus.values()) {
            all.add(new CheckoutSaga.Timeout(s));
        }
        return Arbitraries.of(all).list().ofMaxSize(25);
    }

    @Property(tries = 2_000)
    void inAnyOrderTerminalIsFinalAndEverySuccessIsUndoneAfterFailure(@ForAll("inputs") List<Input> script) {
        State s = State.of(QUOTED);
        List<Action> sent = new ArrayList<>();
        boolean waitedOnBuyer = false;
        for (Input in : script) {
            Decision d = CheckoutSaga.decide(s, in);
            if (s.status().isTerminal()) {
                assertThat(d.next()).as("terminal states are final").isEqualTo(s);
            }
            if (s.status() == AWAITING_BUYER_ACTION) {
                assertThat(d.actions())
                        .as("while waiting on the buyer only failure sends anything")
                        .allMatch(a -> d.next().status() == FAILED || a == Action.PLACE_ORDER);
            }
            assertThat(d.next().buyerAction() != null)
                    .as("the secret is kept exactly while waiting on the buyer")
                    .isEqualTo(d.next().status() == AWAITING_BUYER_ACTION);
            sent.addAll(d.actions());
            s = d.next();
            waitedOnBuyer |= s.status() == AWAITING_BUYER_ACTION;
        }
        assertThat(sent.stream().filter(a -> a == Action.PUBLISH_COMPLETED).count()
                        + sent.stream().filter(a -> a == Action.PUBLISH_FAILED).count())
                .as("a saga publishes at most one outcome")
                .isLessThanOrEqualTo(1);
        if (s.status() == COMPLETED) {
            assertThat(sent).as("a completed saga compensated nothing").noneMatch(Action::isCompensation);
        }
        if (s.status() == FAILED
                && sent.contains(Action.AUTHORIZE_PAYMENT)
                && s.failure().reason() != FailureReason.PAYMENT_DECLINED
                && s.failure().reason() != FailureReason.PAYMENT_BLOCKED
                && s.failure().reason() != FailureReason.PAYMENT_PROVIDER_ERROR) {
            assertThat(sent).as("a payment that may exist is voided").contains(Action.VOID_PAYMENT);
        }
        if (s.status() == FAILED
                && sent.contains(Action.RESERVE_STOCK)
                && s.failure().reason() != FailureReason.OUT_OF_STOCK) {
            assertThat(sent).as("held stock is released").contains(Action.RELEASE_RESERVATION);
        }
        if (s.status() == FAILED && waitedOnBuyer) {
            assertThat(sent)
                    .as("a payment that waited on its buyer is cancelled")
                    .contains(Action.VOID_PAYMENT);
        }
        if (s.status() == FAILED
                && sent.contains(Action.PLACE_ORDER)
                && s.failure().reason() != FailureReason.ORDER_REJECTED) {
            assertThat(sent).as("an order that may exist is cancelled").contains(Action.CANCEL_ORDER);
        }
    }

    // --- a fraud review: the payment is authorized but held until an admin decides (AWAITING_REVIEW, ADR 0026)

    static final Message UNDER_REVIEW =
            new PaymentReply.PaymentUnderReview(SAGA, PAY, ORDER, Instant.parse("2026-12-05T12:15:00Z"));

    @Test
    void aPaymentUnderReviewWaitsSendingNothingAndAnAllowCarriesOnAsAnAuthorization() {
        Decision held = on(AUTHORIZING, UNDER_REVIEW);
        assertThat(held.next()).isEqualTo(State.of(AWAITING_REVIEW));
        assertThat(held.actions()).isEmpty();
        assertThat(held.changed()).isTrue();
        assertThat(CheckoutSaga.decide(held.next(), new CheckoutSaga.Reply(AUTHORIZED)))
                .isEqualTo(on(AUTHORIZING, AUTHORIZED));
        assertThat(CheckoutSaga.decide(held.next(), new CheckoutSaga.Reply(UNDER_REVIEW))
                        .isNoop())
                .as("a redelivered PaymentUnderReview")
                .isTrue();
    }

    @Test
    void aBlockAfterReviewFailsAsBlockedVoidingAndReleasing() {
        Decision d = on(AWAITING_REVIEW, declined(DeclineReason.FRAUD));
        assertThat(d.next().failure().reason()).isEqualTo(FailureReason.PAYMENT_BLOCKED);
        assertThat(d.next().failure().step()).isEqualTo(AWAITING_REVIEW);
        assertThat(d.actions()).containsExactly(Action.VOID_PAYMENT, Action.RELEASE_RESERVATION, Action.PUBLISH_FAILED);
    }

    @Test
    void theReviewRunningOutOfTimeFailsAsATimeoutVoidingAndReleasing() {
        Decision d = timeoutAt(AWAITING_REVIEW);
        assertThat(d.next().failure().reason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(d.next().failure().detail()).contains("review");
        assertThat(d.actions()).containsExactly(Action.VOID_PAYMENT, Action.RELEASE_RESERVATION, Action.PUBLISH_FAILED);
        assertThat(CheckoutSaga.decide(State.of(PLACING), new CheckoutSaga.Timeout(AWAITING_REVIEW))
                        .isNoop())
                .as("the review's deadline, already left")
                .isTrue();
    }

    @Test
    void aLatePaymentUnderReviewAfterFailureIsVoided() {
        State failed = timeoutAt(AUTHORIZING).next();
        Decision d = CheckoutSaga.decide(failed, new CheckoutSaga.Reply(UNDER_REVIEW));
        assertThat(d.late()).isTrue();
        assertThat(d.actions()).containsExactly(Action.VOID_PAYMENT);
    }
}
