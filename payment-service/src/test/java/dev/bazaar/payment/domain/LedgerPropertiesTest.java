package dev.bazaar.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random marketplaces: payments across sellers are captured, settled and partially refunded (by breakdown and by
 * amount) in random order. Every transaction balances, the trial balance stays at zero, refunds never exceed what was
 * charged, and each seller's payable − debt + paid out is exactly Σ(lines + shipping − commission) − Σ(refunded lines
 * + shipping − reversed commission). Payouts in between turn later refunds into seller debt, netted by the next payout.
 */
class LedgerPropertiesTest {

    static final UUID[] SHOPS = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};

    record Charge(long goods, long shipping, long tax, int commissionBps) {}

    /** A partial refund, or (payout) a payout run for that shop first. */
    record Step(int payment, int shop, boolean byAmount, int fractionPercent, boolean payout) {}

    @Provide
    Arbitrary<List<List<Charge>>> payments() {
        Arbitrary<Charge> charge = Combinators.combine(
                        Arbitraries.longs().between(0, 500_000),
                        Arbitraries.longs().between(0, 5_000),
                        Arbitraries.longs().between(0, 40_000),
                        Arbitraries.integers().between(0, 3_000))
                .as(Charge::new);
        return charge.list()
                .ofMinSize(1)
                .ofMaxSize(SHOPS.length)
                .list()
                .ofMinSize(1)
                .ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Step>> refunds() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(1, 100),
                        Arbitraries.integers().between(0, 3).map(n -> n == 0))
                .as(Step::new)
                .list()
                .ofMaxSize(25);
    }

    @Property(tries = 300)
    void theBooksAlwaysBalanceAndSellersAreOwedExactlyTheirShare(
            @ForAll("payments") List<List<Charge>> payments, @ForAll("refunds") List<Step> steps) {
        Map<String, Long> accounts = new HashMap<>();
        List<List<Split>> splits = new ArrayList<>();
        Map<UUID, Long> owed = new HashMap<>();
        Map<UUID, Long> paidOut = new HashMap<>();
        for (List<Charge> charges : payments) {
            List<Split> ps = new ArrayList<>();
            for (int i = 0; i < charges.size(); i++) {
                Charge c = charges.get(i);
                long commission = Math.min(c.goods(), c.goods() * c.commissionBps() / 10_000);
                ps.add(Split.charged(SHOPS[i], c.goods(), c.shipping(), c.tax(), commission));
                owed.merge(SHOPS[i], c.goods() + c.shipping() - commission, Long::sum);
            }
            UUID paymentId = UUID.randomUUID();
            long total = ps.stream().mapToLong(Split::total).sum();
            if (total == 0) {
                continue;
            }
            post(accounts, Postings.capture(UUID.randomUUID(), paymentId, ps));
            post(accounts, Postings.settlement(UUID.randomUUID(), paymentId, total, ProcessorFee.of(total)));
            splits.add(ps);
        }
        for (Step step : steps) {
            if (splits.isEmpty()) {
                break;
            }
            List<Split> ps = splits.get(step.payment() % splits.size());
            int idx = step.shop() % ps.size();
            Split s = ps.get(idx);
            if (step.payout()) {
                long payable = -accounts.getOrDefault(Accounts.sellerPayable(s.shopId()), 0L);
                long debt = accounts.getOrDefault(Accounts.sellerDebt(s.shopId()), 0L);
                Postings.PayoutAmounts amounts = Postings.PayoutAmounts.of(payable, 0, debt);
                post(accounts, Postings.payout(UUID.randomUUID(), s.shopId(), amounts.paid(), amounts.debtSettled()));
                paidOut.merge(s.shopId(), amounts.paid(), Long::sum);
            }
            if (s.refundable() == 0) {
                continue;
            }
            RefundParts parts;
            if (step.byAmount()) {
                long amount = Math.max(1, s.refundable() * step.fractionPercent() / 100);
                parts = RefundParts.allocate(s, amount);
                assertThat(parts.amount()).isEqualTo(amount);
            } else { // an order-service breakdown: a fraction of each remaining part
                long g = (s.goods() - s.refundedGoods()) * step.fractionPercent() / 100;
                long c = Math.min(g, (s.commission() - s.refundedCommission()) * step.fractionPercent() / 100);
                parts = new RefundParts(
                        g,
                        (s.shipping() - s.refundedShipping()) * step.fractionPercent() / 100,
                        (s.tax() - s.refundedTax()) * step.fractionPercent() / 100,
                        c);
                if (parts.amount() == 0) {
                    continue;
                }
            }
            assertThat(parts.fitsIn(s)).isTrue();
            long stillPayable = -accounts.getOrDefault(Accounts.sellerPayable(s.shopId()), 0L);
            post(accounts, Postings.refund(UUID.randomUUID(), UUID.randomUUID(), s.shopId(), parts, stillPayable));
            Split after = s.after(parts);
            assertThat(after.refunded()).isLessThanOrEqualTo(after.total());
            ps.set(idx, after);
            owed.merge(s.shopId(), -parts.shareReversed(), Long::sum);
        }
        assertThat(accounts.values().stream().mapToLong(Long::longValue).sum()).isZero();
        for (UUID shop : SHOPS) {
            long payable = -accounts.getOrDefault(Accounts.sellerPayable(shop), 0L);
            long debt = accounts.getOrDefault(Accounts.sellerDebt(shop), 0L);
            assertThat(payable - debt + paidOut.getOrDefault(shop, 0L))
                    .as("seller %s: payable − debt + paid out", shop)
                    .isEqualTo(owed.getOrDefault(shop, 0L));
            assertThat(payable).isGreaterThanOrEqualTo(0);
            assertThat(debt).isGreaterThanOrEqualTo(0);
        }
    }

    private static void post(Map<String, Long> accounts, LedgerTransaction t) {
        assertThat(t.entries().stream()
                        .mapToLong(LedgerTransaction.Entry::amountMinor)
                        .sum())
                .isZero();
        t.entries().forEach(e -> accounts.merge(e.account(), e.amountMinor(), Math::addExact));
    }
}
