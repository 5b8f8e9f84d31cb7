package dev.bazaar.checkout.domain.saga;

import static dev.bazaar.checkout.domain.CheckoutStatus.AUTHORIZING;
import static dev.bazaar.checkout.domain.CheckoutStatus.AWAITING_BUYER_ACTION;
import static dev.bazaar.checkout.domain.CheckoutStatus.AWAITING_REVIEW;
import static dev.bazaar.checkout.domain.CheckoutStatus.PLACING;
import static dev.bazaar.checkout.domain.CheckoutStatus.RESERVING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.checkout.domain.CheckoutStatus;
import org.junit.jupiter.api.Test;

class AdmissionLimitTest {

    static final long SECOND = 1_000_000_000L;
    static final AdmissionLimit.Settings SETTINGS = new AdmissionLimit.Settings(10, 50, 300, 3, 2, 60);

    /**
     * One window of {@code n} steps of {@code step} taking {@code millis}, with as many sagas running as the limit
     * allows (it is what holds the load back), closed by the next call at {@code t + 1 s}.
     */
    static long window(AdmissionLimit a, long t, CheckoutStatus step, int n, long millis) {
        return window(a, t, step, n, millis, true);
    }

    static long window(AdmissionLimit a, long t, CheckoutStatus step, int n, long millis, boolean full) {
        a.admitted(full ? a.limit(t) - 1 : 2, t);
        for (int i = 0; i < n; i++) {
            a.stepTook(step, millis, t + i);
        }
        return t + SECOND;
    }

    @Test
    void startsAtTheCeilingAndStaysThereWhileStepsAreFast() {
        AdmissionLimit a = new AdmissionLimit(SETTINGS);
        long t = 0;
        assertThat(a.limit(t)).isEqualTo(50);
        for (int w = 0; w < 10; w++) {
            t = window(a, t, RESERVING, 20, 40);
        }
        assertThat(a.limit(t)).isEqualTo(50);
    }

    @Test
    void queueingStepsShrinkTheLimitByAFifthPerSecondDownToTheFloor() {
        AdmissionLimit a = new AdmissionLimit(SETTINGS);
        long t = window(a, 0, RESERVING, 20, 40); // a baseline of 40 ms
        assertThat(a.limit(t)).isEqualTo(50);
        t = window(a, t, RESERVING, 20, 900);
        assertThat(a.limit(t)).isEqualTo(40);
        t = window(a, t, RESERVING, 20, 900);
        assertThat(a.limit(t)).isEqualTo(32);
        for (int w = 0; w < 20; w++) {
            t = window(a, t, RESERVING, 20, 900);
        }
        assertThat(a.limit(t)).isEqualTo(10);
    }

    @Test
    void oneSlowStepInTwentyIsNoise_twoAreASignal() {
        AdmissionLimit a = new AdmissionLimit(SETTINGS);
        long t = window(a, 0, PLACING, 20, 40);
        a.stepTook(PLACING, 2_000, t);
        t = window(a, t + 1, PLACING, 19, 40);
        assertThat(a.limit(t)).as("5 %% slow: not more than the share").isEqualTo(50);
        a.stepTook(PLACING, 2_000, t);
        a.stepTook(PLACING, 2_000, t + 1);
        t = window(a, t + 2, PLACING, 18, 40);
        assertThat(a.limit(t)).isEqualTo(40);
    }

    @Test
    void slowStepsWhileFewSagasRunLeaveTheLimitAlone() {
        // a cold JVM or a pause slows every step while three sagas run of the 50 allowed: refusing would not help
        AdmissionLimit a = new AdmissionLimit(SETTINGS);
        long t = window(a, 0, RESERVING, 20, 40, false);
        for (int w = 0; w < 10; w++) {
            t = window(a, t, RESERVING, 20, 2_000, false);
        }
        assertThat(a.limit(t)).isEqualTo(50);
        a.stepTimedOut(t);
        assertThat(a.limit(t + SECOND)).isEqualTo(50);
        // the same steps while the limit is what admits the load: it shrinks
        t = window(a, t + SECOND, RESERVING, 20, 2_000, true);
        assertThat(a.limit(t)).isEqualTo(40);
    }

    @Test
    void aTimedOutStepShrinksTheLimitEvenWithoutSamples() {
        AdmissionLimit a = new AdmissionLimit(SETTINGS);
        a.limit(0);
        a.admitted(49, 5);
        a.stepTimedOut(10);
        assertThat(a.limit(SECOND + 10)).isEqualTo(40);
    }

    @Test
    void fastWindowsGrowItBackByATenthUpToTheCeiling_idleOnesLeaveItAlone() {
        AdmissionLimit a = new AdmissionLimit(SETTINGS);
        long t = window(a, 0, RESERVING, 10, 40);
        for (int w = 0; w < 30; w++) {
            t = window(a, t, RESERVING, 10, 2_000);
        }
        assertThat(a.limit(t)).isEqualTo(10);
        t += 60 * SECOND; // a quiet minute: no evidence either way
        assertThat(a.limit(t)).isEqualTo(10);
        t = window(a, t, RESERVING, 10, 40);
        assertThat(a.limit(t)).isEqualTo(11);
        for (int w = 0; w < 40; w++) {
            t = window(a, t, RESERVING, 10, 40);
        }
        assertThat(a.limit(t)).isEqualTo(50);
    }

    @Test
    void aStepSlowByNatureIsNotAQueue() {
        // a live card network: authorizing takes about a second at any load
        AdmissionLimit a = new AdmissionLimit(SETTINGS);
        long t = 0;
        for (int w = 0; w < 10; w++) {
            t = window(a, t, AUTHORIZING, 20, 1_000 + (w % 3) * 100);
        }
        assertThat(a.baselineMillis(AUTHORIZING)).isBetween(990.0, 1_200.0);
        assertThat(a.limit(t)).isEqualTo(50);
        for (int w = 0; w < 5; w++) {
            t = window(a, t, AUTHORIZING, 20, 1_200);
        }
        assertThat(a.limit(t)).isEqualTo(50);
        // ... until it takes more than three times as long
        t = window(a, t, AUTHORIZING, 20, 4_000);
        assertThat(a.limit(t)).isLessThan(50);
    }

    @Test
    void stepsWaitingOnAPersonAreNotSamples() {
        AdmissionLimit a = new AdmissionLimit(SETTINGS);
        long t = window(a, 0, AWAITING_BUYER_ACTION, 20, 300_000);
        t = window(a, t, AWAITING_REVIEW, 20, 600_000);
        assertThat(a.limit(t)).isEqualTo(50);
        assertThat(a.baselineMillis(AWAITING_BUYER_ACTION)).isEqualTo(-1.0);
    }

    @Test
    void retryAfterIsTheBaseWithoutACrowd_andGrowsTowardsTheExpectedWaitWithOne() {
        AdmissionLimit a = new AdmissionLimit(SETTINGS);
        assertThat(a.refused(0)).isEqualTo(2);
        long t = 0;
        // 500 clients waiting, each back every 2 s: 250 refusals a second, while 10 a second get in
        int advised = 2;
        for (int w = 0; w < 30; w++) {
            int refusals = 500 / advised;
            for (int i = 0; i < refusals; i++) {
                advised = a.refused(t + i);
            }
            for (int i = 0; i < 10; i++) {
                a.admitted(50, t + i);
            }
            t += SECOND;
            advised = a.refused(t);
        }
        // 500 waiting, 10 admitted a second: about 50 s
        assertThat(advised).isBetween(35, 60);
        // the crowd got in (ten a second, nobody refused): back to the base within a few seconds
        for (int w = 0; w < 12; w++) {
            for (int i = 0; i < 10; i++) {
                a.admitted(3, t + i);
            }
            t += SECOND;
        }
        assertThat(a.refused(t)).isEqualTo(2);
    }

    @Test
    void retryAfterNeverPassesItsMaximumNorJumpsMoreThanHalfInASecond() {
        AdmissionLimit a = new AdmissionLimit(new AdmissionLimit.Settings(10, 50, 300, 3, 2, 20));
        for (int i = 0; i < 10_000; i++) {
            a.refused(i);
        }
        assertThat(a.refused(SECOND)).isEqualTo(3);
        long t = SECOND;
        for (int w = 0; w < 20; w++) {
            for (int i = 0; i < 10_000; i++) {
                a.refused(t + i);
            }
            t += SECOND;
        }
        assertThat(a.refused(t)).isEqualTo(20);
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> new AdmissionLimit.Settings(0, 50, 300, 3, 2, 60))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionLimit.Settings(60, 50, 300, 3, 2, 60))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionLimit.Settings(10, 50, 300, 0.5, 2, 60))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionLimit.Settings(10, 50, 300, 3, 5, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
