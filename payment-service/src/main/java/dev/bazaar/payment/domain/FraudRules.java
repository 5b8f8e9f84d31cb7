package dev.bazaar.payment.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pre-authorization fraud rules — pure: the service gathers the facts, this decides. Any BLOCK reason blocks; the
 * provider's own risk check runs afterwards on what is allowed. Every decision keeps all its reasons (also the
 * non-blocking ones) so it can be explained later.
 */
public final class FraudRules {

    public enum Outcome {
        ALLOW, BLOCK
    }

    /** Thresholds (from {@code bazaar.payments.fraud.*}). */
    public record Thresholds(int maxPerBuyer, int maxPerPaymentMethod, long newAccountMaxAmount,
            long newAccountAgeHours, long countryMismatchMaxAmount, Set<String> blockedBuyers,
            Set<String> blockedPaymentMethods, Set<String> blockedCountries) {
    }

    /**
     * What is known before authorizing: attempts in the velocity window (this one excluded), the buyer's account age,
     * the amount, and the countries (the card's may be unknown before the provider is asked: null).
     */
    public record Facts(String buyer, String paymentMethod, long amountMinor, int recentByBuyer,
            int recentByPaymentMethod, long accountAgeHours, String shippingCountry, String cardCountry) {
    }

    public record Decision(Outcome outcome, List<String> reasons) {
        public boolean blocked() {
            return outcome == Outcome.BLOCK;
        }
    }

    private FraudRules() {
    }

    public static Decision evaluate(Facts f, Thresholds t) {
        List<String> block = new ArrayList<>();
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
            block.add("velocity: " + f.recentByBuyer() + " attempts by this buyer in the window (max "
                    + t.maxPerBuyer() + ")");
        }
        if (f.recentByPaymentMethod() >= t.maxPerPaymentMethod()) {
            block.add("velocity: " + f.recentByPaymentMethod() + " attempts with this payment method in the window (max "
                    + t.maxPerPaymentMethod() + ")");
        }
        if (f.accountAgeHours() < t.newAccountAgeHours() && f.amountMinor() > t.newAccountMaxAmount()) {
            block.add("amount " + f.amountMinor() + " above " + t.newAccountMaxAmount() + " for an account younger than "
                    + t.newAccountAgeHours() + " h");
        }
        if (f.cardCountry() != null && f.shippingCountry() != null && !f.cardCountry().equals(f.shippingCountry())) {
            if (f.amountMinor() > t.countryMismatchMaxAmount()) {
                block.add("card country " + f.cardCountry() + " ≠ shipping country " + f.shippingCountry()
                        + " above " + t.countryMismatchMaxAmount());
            } else {
                notes.add("card country " + f.cardCountry() + " ≠ shipping country " + f.shippingCountry());
            }
        }
        List<String> reasons = new ArrayList<>(block);
        reasons.addAll(notes);
        if (reasons.isEmpty()) {
            reasons.add("no rule matched");
        }
        return new Decision(block.isEmpty() ? Outcome.ALLOW : Outcome.BLOCK, List.copyOf(reasons));
    }
}
