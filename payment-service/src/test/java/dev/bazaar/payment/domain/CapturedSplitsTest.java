package dev.bazaar.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A partial capture's splits (#29): the worked examples; CapturedSplitsPropertiesTest holds the general laws. */
class CapturedSplitsTest {

    static final UUID A = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();

    /** The tests' usual order: $100 goods + $5 shipping + $8 tax (commission $10) from A, $20 + $1.60 ($2) from B. */
    static final List<Split> ORDER =
            List.of(Split.charged(A, 10_000, 500, 800, 1_000), Split.charged(B, 2_000, 0, 160, 200));

    @Test
    void aCaptureOfTheWholeLeavesEverySplitAsItWas() {
        assertThat(CapturedSplits.scale(ORDER, 13_460)).isEqualTo(ORDER);
    }

    @Test
    void aPartialCaptureIsSharedBySellerThenByPartByLargestRemainder() {
        // A: 10000 × 11300/13460 = 8395.25, B: 1604.75 → the leftover cent to B (the larger remainder)
        // A's 8395 over 10000/500/800: 7429.20, 371.46, 594.34 → the cent to shipping; commission 7429 × 10 % = 742.9 →
        // 743
        // B's 1605 over 2000/0/160: 1486.11, 0, 118.89 → the cent to tax; commission 1486 × 10 % = 148.6 → 149
        List<Split> captured = CapturedSplits.scale(ORDER, 10_000);
        assertThat(captured)
                .containsExactly(Split.charged(A, 7_429, 372, 594, 743), Split.charged(B, 1_486, 0, 119, 149));
        assertThat(captured.stream().mapToLong(Split::total).sum()).isEqualTo(10_000);
    }

    @Test
    void theCapturePostsOnlyWhatWasCapturedAndBalances() {
        LedgerTransaction t =
                Postings.capture(UUID.randomUUID(), UUID.randomUUID(), CapturedSplits.scale(ORDER, 10_000));
        assertThat(t.entries())
                .extracting(LedgerTransaction.Entry::account, LedgerTransaction.Entry::amountMinor)
                .containsExactlyInAnyOrder(
                        tuple(Accounts.sellerPayable(A), -(7_429L + 372 - 743)),
                        tuple(Accounts.COMMISSION_REVENUE, -743L),
                        tuple(Accounts.TAX_PAYABLE, -594L),
                        tuple(Accounts.sellerPayable(B), -(1_486L - 149)),
                        tuple(Accounts.COMMISSION_REVENUE, -149L),
                        tuple(Accounts.TAX_PAYABLE, -119L),
                        tuple(Accounts.BUYER_CLEARING, 10_000L));
    }

    @Test
    void whatIsLaterRefundableIsWhatWasCaptured() {
        List<Split> captured = CapturedSplits.scale(ORDER, 10_000);
        long refundable = 0;
        for (Split s : captured) {
            RefundParts all = RefundParts.allocate(s, s.refundable());
            assertThat(all.commission()).isEqualTo(s.commission());
            refundable += all.amount();
            assertThatThrownBy(() -> RefundParts.allocate(s, s.refundable() + 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(refundable).isEqualTo(10_000);
    }

    @Test
    void aSellerWithNothingChargedGetsNothingAndOneCentGoesWhereTheRemainderIsLargest() {
        UUID c = UUID.randomUUID();
        List<Split> splits =
                List.of(Split.charged(A, 1, 0, 0, 1), Split.charged(c, 0, 0, 0, 0), Split.charged(B, 1, 0, 0, 0));
        // ties go to the earlier seller, and A's commission takes its whole (captured) goods
        assertThat(CapturedSplits.scale(splits, 1))
                .containsExactly(
                        Split.charged(A, 1, 0, 0, 1), Split.charged(c, 0, 0, 0, 0), Split.charged(B, 0, 0, 0, 0));
        assertThat(CapturedSplits.scale(splits, 0))
                .allSatisfy(s -> assertThat(s.total()).isZero());
    }

    @Test
    void moreThanAuthorizedNothingNegativeOrSplitsAlreadyRefundedAreRefused() {
        assertThatThrownBy(() -> CapturedSplits.scale(ORDER, 13_461))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("13461")
                .hasMessageContaining("13460");
        assertThatThrownBy(() -> CapturedSplits.scale(ORDER, -1)).isInstanceOf(IllegalArgumentException.class);
        List<Split> refunded = List.of(ORDER.get(0).after(new RefundParts(100, 0, 0, 10)), ORDER.get(1));
        assertThatThrownBy(() -> CapturedSplits.scale(refunded, 10_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
