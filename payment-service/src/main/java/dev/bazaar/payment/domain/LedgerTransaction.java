package dev.bazaar.payment.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One money movement: entries that sum to exactly zero (debits positive, credits negative), in one currency.
 * Zero-amount entries are dropped; a transaction with no entries left is empty and is not written.
 */
public record LedgerTransaction(UUID id, String kind, String description, String currency, List<Entry> entries) {

    public record Entry(String account, long amountMinor, UUID shopId) {
        public Entry {
            Objects.requireNonNull(account, "account");
        }
    }

    public LedgerTransaction {
        Objects.requireNonNull(id, "id");
        entries = entries.stream().filter(e -> e.amountMinor() != 0).toList();
        long sum = 0;
        for (Entry e : entries) {
            sum = Math.addExact(sum, e.amountMinor());
        }
        if (sum != 0) {
            throw new IllegalArgumentException("unbalanced " + kind + " transaction: entries sum to " + sum);
        }
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Collects entries, then checks balance once when built. */
    public static final class Builder {
        private final String kind;
        private final String description;
        private final String currency;
        private final List<Entry> entries = new ArrayList<>();

        public Builder(String kind, String description, String currency) {
            this.kind = kind;
            this.description = description;
            this.currency = currency;
        }

        public Builder debit(String account, long amount) {
            return debit(account, amount, null);
        }

        public Builder debit(String account, long amount, UUID shopId) {
            entries.add(new Entry(account, amount, shopId));
            return this;
        }

        public Builder credit(String account, long amount) {
            return credit(account, amount, null);
        }

        public Builder credit(String account, long amount, UUID shopId) {
            entries.add(new Entry(account, Math.negateExact(amount), shopId));
            return this;
        }

        public LedgerTransaction build(UUID id) {
            return new LedgerTransaction(id, kind, description, currency, entries);
        }
    }
}
