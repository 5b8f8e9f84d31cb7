package dev.bazaar.payment.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pre-authorization fraud rules — pure: the service gathers the facts, this decides. Any BLOCK reason blocks; else
 * any REVIEW reason holds the payment for an admin (ADR 0026: authorized at the provider, not yet answered to the
 * saga as authorized); else it is allowed. The provider's own risk check runs afterwards on what is not blocked. Every
 * decision keeps all its reasons (also the non-blocking ones) so it can be explained later.
 *
 * <p>The review bands sit just under the blocking limits, so that a payment close to a limit is looked at by a person
 * rather than waved through: above {@code reviewAbove} for any account; a new account within
 * {@code newAccountReviewMargin} of its block amount; a card/shipping country mismatch within
 * {@code countryMismatchReviewMargin} of its block amount. A band is off when its number is 0 ({@code reviewAbove}:
 * when it is 0 or less, every amount is outside it — see {@link Thresholds#reviewAbove}).
 */
public final class FraudRules {

    public enum Outcome {
        ALLOW,
        REVIEW,
        BLOCK
    }

    /**
     * Thresholds (from {@code bazaar.payments.fraud.*}) and the blocklists (configured ones joined with the admins'
     * from the database). {@code reviewAbove}: amounts above it are reviewed (0 = no such band); the margins: how far
     * under their block amount a new account's payment or a country mismatch is reviewed (0 = no such band).
     */
    public record Thresholds(
            int maxPerBuyer,
            int maxPerPaymentMethod,
            long newAccountMaxAmount,
            long newAccountAgeHours,
            long countryMismatchMaxAmount,
            Set<String> blockedBuyers,
            Set<String> blockedPaymentMethods,
            Set<String> blockedCountries,
            long reviewAbove,
            long newAccountReviewMargin,
            long countryMismatchReviewMargin) {

        /** Without review bands (every payment is allowed or blocked, as before the review queue). */
        public Thresholds(
                int maxPerBuyer,
                int maxPerPaymentMethod,
                long newAccountMaxAmount,
                long newAccountAgeHours,
                long countryMismatchMaxAmount,
                Set<String> blockedBuyers,
                Set<String> blockedPaymentMethods,
                Set<String> blockedCountries) {
            this(
                    maxPerBuyer,
                    maxPerPaymentMethod,
                    newAccountMaxAmount,
                    newAccountAgeHours,
                    countryMismatchMaxAmount,
                    blockedBuyers,
                    blockedPaymentMethods,
                    blockedCountries,
                    0,
                    0,
                    0);
        }

        /** The same thresholds with more blocked values (the admins' blocklist entries). */
        public Thresholds withBlocked(Set<String> buyers, Set<String> paymentMethods, Set<String> countries) {
            return new Thresholds(
                    maxPerBuyer,
                    maxPerPaymentMethod,
                    newAccountMaxAmount,
                    newAccountAgeHours,
                    countryMismatchMaxAmount,
                    union(blockedBuyers, buyers),
                    union(blockedPaymentMethods, paymentMethods),
                    union(blockedCountries, countries),
                    reviewAbove,
                    newAccountReviewMargin,
                    countryMismatchReviewMargin);
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> all = new java.util.HashSet<>(a);
            all.addAll(b);
            return Set.copyOf(all);
        }
    }

    /**
     * What is known before authorizing: attempts in the velocity window (this one excluded), the buyer's account age,
     * the amount, and the countries (the card's may be unknown before the provider is asked: null).
     */
    public record Facts(
            String buyer,
            String paymentMethod,
            long amountMinor,
            int recentByBuyer,
            int recentByPaymentMethod,
            long accountAgeHours,
            String shippingCountry,
            String cardCountry) {}

    public record Decision(Outcome outcome, List<String> reasons) {
        public boolean blocked() {
            return outcome == Outcome.BLOCK;
        }

        public boolean held() {
            return outcome == Outcome.REVIEW;
        }
    }

    private FraudRules() {}

    public static Decision evaluate(Facts f, Thresholds t) {
        List<String> block = new ArrayList<>();
        List<String> review = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (t.blockedBuyers().contains(f.buyer())) {
            block.add("blocklist: buyer");
        }
        if (t.blockedPaymentMethods().contains(f.paymentMethod())) {
            block.add("blocklist: payment method");
        }
        if (f.shippingCountry() != null && t.blockedCountries().contains(f.shippingCountry())) {
            block.add("blocklist: shipping country " + f.shippingCountry());
        }
        if (f.recentByBuyer() >= t.maxPerBuyer()) {
            block.add("velocity: " + f.recentByBuyer() + " attempts by this buyer in the window (max " + t.maxPerBuyer()
                    + ")");
        }
        if (f.recentByPaymentMethod() >= t.maxPerPaymentMethod()) {
            block.add("velocity: " + f.recentByPaymentMethod()
                    + " attempts with this payment method in the window (max " + t.maxPerPaymentMethod() + ")");
        }
        if (f.accountAgeHours() < t.newAccountAgeHours()) {
            if (f.amountMinor() > t.newAccountMaxAmount()) {
                block.add("amount " + f.amountMinor() + " above " + t.newAccountMaxAmount()
                        + " for an account younger than " + t.newAccountAgeHours() + " h");
            } else if (t.newAccountReviewMargin() > 0
                    && f.amountMinor() > t.newAccountMaxAmount() - t.newAccountReviewMargin()) {
                review.add("review: amount " + f.amountMinor() + " within " + t.newAccountReviewMargin() + " of "
                        + t.newAccountMaxAmount() + " for an account younger than " + t.newAccountAgeHours() + " h");
            }
        }
        if (f.cardCountry() != null
                && f.shippingCountry() != null
                && !f.cardCountry().equals(f.shippingCountry())) {
            String mismatch = "card country " + f.cardCountry() + " ≠ shipping country " + f.shippingCountry();
            if (f.amountMinor() > t.countryMismatchMaxAmount()) {
                block.add(mismatch + " above " + t.countryMismatchMaxAmount());
            } else if (t.countryMismatchReviewMargin() > 0
                    && f.amountMinor() > t.countryMismatchMaxAmount() - t.countryMismatchReviewMargin()) {
                review.add("review: " + mismatch + " within " + t.countryMismatchReviewMargin() + " of "
                        + t.countryMismatchMaxAmount());
            } else {
                notes.add(mismatch);
            }
        }
        if (t.reviewAbove() > 0 && f.amountMinor() > t.reviewAbove()) {
            review.add("review: amount " + f.amountMinor() + " above " + t.reviewAbove());
        }
        List<String> reasons = new ArrayList<>(block);
        reasons.addAll(review);
        reasons.addAll(notes);
        if (reasons.isEmpty()) {
            reasons.add("no rule matched");
        }
        Outcome outcome = !block.isEmpty() ? Outcome.BLOCK : !review.isEmpty() ? Outcome.REVIEW : Outcome.ALLOW;
        return new Decision(outcome, List.copyOf(reasons));
    }
}
