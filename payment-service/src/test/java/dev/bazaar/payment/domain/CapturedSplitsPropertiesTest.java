package dev.bazaar.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
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
import net.jqwik.api.constraints.IntRange;

/**
 * Random payments captured in part (#29): the scaled splits sum exactly to what was captured, nothing grows, each
 * seller's part is within a minor unit of its exact share, commission stays within the captured goods, the capture's
 * ledger transaction balances against exactly the captured amount, and refunding everything afterwards gives back
 * exactly what was captured, never more.
 */
class CapturedSplitsPropertiesTest {

    record Charge(long goods, long shipping, long tax, int commissionBps) {}

    @Provide
    Arbitrary<List<Charge>> payments() {
        Arbitrary<Long> cents = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 20), Arbitraries.longs().between(0, 2_000_000));
        Arbitrary<Long> shipping =
                Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(0, 5_000));
        Arbitrary<Charge> charge = Combinators.combine(
                        cents,
                        shipping,
                        Arbitraries.longs().between(0, 40_000),
                        Arbitraries.integers().between(0, 10_000))
                .as(Charge::new);
        return charge.list()
                .ofMinSize(1)
                .ofMaxSize(6)
                .filter(l -> l.stream()
                                .mapToLong(c -> c.goods() + c.shipping() + c.tax())
                                .sum()
                        > 0);
    }

    static List<Split> splits(List<Charge> charges) {
        List<Split> out = new ArrayList<>();
        for (Charge c : charges) {
            out.add(Split.charged(
                    UUID.randomUUID(),
                    c.goods(),
                    c.shipping(),
                    c.tax(),
                    Math.min(c.goods(), c.goods() * c.commissionBps() / 10_000)));
        }
        return out;
    }

    @Property(tries = 2_000)
    void aPartialCaptureIsSplitExactlyAndConsistently(
            @ForAll("payments") List<Charge> charges, @ForAll @IntRange(min = 0, max = 1_000_000) int permille) {
        List<Split> authorized = splits(charges);
        long total = authorized.stream().mapToLong(Split::total).sum();
        long captured = BigInteger.valueOf(total)
                .multiply(BigInteger.valueOf(permille))
                .divide(BigInteger.valueOf(1_000_000))
                .longValueExact();

        List<Split> scaled = CapturedSplits.scale(authorized, captured);

        assertThat(scaled).hasSameSizeAs(authorized);
        assertThat(scaled.stream().mapToLong(Split::total).sum())
                .as("the parts sum to the capture")
                .isEqualTo(captured);
        for (int i = 0; i < scaled.size(); i++) {
            Split a = authorized.get(i);
            Split s = scaled.get(i);
            assertThat(s.shopId()).isEqualTo(a.shopId());
            assertThat(s.goods()).isBetween(0L, a.goods());
            assertThat(s.shipping()).isBetween(0L, a.shipping());
            assertThat(s.tax()).isBetween(0L, a.tax());
            assertThat(s.commission()).isBetween(0L, Math.min(a.commission(), s.goods()));
            assertThat(s.share()).isBetween(0L, a.share());
            assertThat(s.refunded()).isZero();
            // largest remainder: within one minor unit of the exact share, |part·T − captured·weight| < T
            assertWithinOne(s.total(), captured, a.total(), total);
            assertWithinOne(s.goods(), s.total(), a.goods(), a.total());
            assertWithinOne(s.shipping(), s.total(), a.shipping(), a.total());
            assertWithinOne(s.tax(), s.total(), a.tax(), a.total());
            assertWithinOne(s.commission(), s.goods(), a.commission(), a.goods());
        }

        // the capture's transaction balances, against exactly what was captured, and settles it in full
        Map<String, Long> accounts = new HashMap<>();
        post(accounts, Postings.capture(UUID.randomUUID(), UUID.randomUUID(), scaled));
        assertThat(accounts.getOrDefault(Accounts.BUYER_CLEARING, 0L)).isEqualTo(captured);
        long owed = 0;
        for (Split s : scaled) {
            owed += -accounts.getOrDefault(Accounts.sellerPayable(s.shopId()), 0L);
        }
        assertThat(owed
                        - accounts.getOrDefault(Accounts.COMMISSION_REVENUE, 0L)
                        - accounts.getOrDefault(Accounts.TAX_PAYABLE, 0L))
                .as("payables + commission + tax")
                .isEqualTo(captured);
        post(
                accounts,
                Postings.settlement(
                        UUID.randomUUID(), UUID.randomUUID(), captured, Math.min(captured, ProcessorFee.of(captured))));
        assertThat(accounts.getOrDefault(Accounts.BUYER_CLEARING, 0L)).isZero();

        // refunding everything afterwards gives back exactly what was captured and empties every account it owes
        long refunded = 0;
        for (Split s : scaled) {
            if (s.refundable() == 0) {
                continue;
            }
            RefundParts all = RefundParts.allocate(s, s.refundable());
            assertThat(all.fitsIn(s)).isTrue();
            long stillPayable = -accounts.getOrDefault(Accounts.sellerPayable(s.shopId()), 0L);
            post(accounts, Postings.refund(UUID.randomUUID(), UUID.randomUUID(), s.shopId(), all, stillPayable));
            refunded += all.amount();
            assertThat(accounts.getOrDefault(Accounts.sellerPayable(s.shopId()), 0L))
                    .isZero();
        }
        assertThat(refunded).isEqualTo(captured);
        assertThat(accounts.getOrDefault(Accounts.COMMISSION_REVENUE, 0L)).isZero();
        assertThat(accounts.getOrDefault(Accounts.TAX_PAYABLE, 0L)).isZero();
        assertThat(accounts.values().stream().mapToLong(Long::longValue).sum())
                .as("trial balance")
                .isZero();
    }

    @Property(tries = 500)
    void aCaptureOfTheWholeChangesNothing(@ForAll("payments") List<Charge> charges) {
        List<Split> authorized = splits(charges);
        assertThat(CapturedSplits.scale(
                        authorized, authorized.stream().mapToLong(Split::total).sum()))
                .isEqualTo(authorized);
    }

    /** |part − amount·weight/total| < 1, in integers; a zero total has only zero parts. */
    private static void assertWithinOne(long part, long amount, long weight, long total) {
        if (total == 0) {
            assertThat(part).isZero();
            return;
        }
        BigInteger exact = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(weight));
        BigInteger diff = BigInteger.valueOf(part)
                .multiply(BigInteger.valueOf(total))
                .subtract(exact)
                .abs();
        assertThat(diff).as("%d of %d by %d/%d", part, amount, weight, total).isLessThan(BigInteger.valueOf(total));
    }

    private static void post(Map<String, Long> accounts, LedgerTransaction t) {
        assertThat(t.entries().stream()
                        .mapToLong(LedgerTransaction.Entry::amountMinor)
                        .sum())
                .isZero();
        t.entries().forEach(e -> accounts.merge(e.account(), e.amountMinor(), Math::addExact));
    }
}
