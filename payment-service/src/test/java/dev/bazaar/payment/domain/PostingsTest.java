package dev.bazaar.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PostingsTest {

    static final UUID A = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();

    @Test
    void aCaptureOwesEachSellerTheirShareThePlatformItsCommissionAndTheStateItsTax() {
        LedgerTransaction t = Postings.capture(
                UUID.randomUUID(),
                UUID.randomUUID(),
                List.of(Split.charged(A, 10_000, 500, 800, 1_000), Split.charged(B, 2_000, 0, 160, 160)));
        assertThat(t.entries())
                .extracting(LedgerTransaction.Entry::account, LedgerTransaction.Entry::amountMinor)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(Accounts.sellerPayable(A), -9_500L),
                        org.assertj.core.groups.Tuple.tuple(Accounts.sellerPayable(B), -1_840L),
                        org.assertj.core.groups.Tuple.tuple(Accounts.BUYER_CLEARING, 13_460L));
    }

    @Test
    void aRefundBeyondWhatIsStillPayableBecomesSellerDebt() {
        RefundParts r = new RefundParts(5_000, 0, 400, 500);
        LedgerTransaction t = Postings.refund(UUID.randomUUID(), UUID.randomUUID(), A, r, 3_000);
        assertThat(t.entries())
                .extracting(LedgerTransaction.Entry::account, LedgerTransaction.Entry::amountMinor)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Accounts.sellerPayable(A), 3_000L),
                        org.assertj.core.groups.Tuple.tuple(Accounts.sellerDebt(A), 1_500L),
                        org.assertj.core.groups.Tuple.tuple(Accounts.COMMISSION_REVENUE, 500L),
                        org.assertj.core.groups.Tuple.tuple(Accounts.TAX_PAYABLE, 400L),
                        org.assertj.core.groups.Tuple.tuple(Accounts.PLATFORM_CASH, -5_400L));
    }

    @Test
    void anUnbalancedTransactionCannotBeBuilt() {
        assertThatThrownBy(() -> new LedgerTransaction.Builder("X", "x", "USD")
                        .debit(Accounts.PLATFORM_CASH, 1)
                        .build(UUID.randomUUID()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAmountRefundIsSplitExactlyAndReversesCommissionInProportion() {
        Split s = Split.charged(A, 10_000, 1_000, 900, 1_000);
        RefundParts r = RefundParts.allocate(s, 5_950);
        assertThat(r.amount()).isEqualTo(5_950);
        assertThat(r.goods()).isEqualTo(5_000);
        assertThat(r.commission()).isEqualTo(500);
        RefundParts rest = RefundParts.allocate(s.after(r), s.after(r).refundable());
        assertThat(s.after(r).after(rest).refundable()).isZero();
        assertThat(r.commission() + rest.commission()).isEqualTo(1_000);
        assertThatThrownBy(() -> RefundParts.allocate(s, 11_901)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProcessorFeeIsStripesStandardPricing() {
        assertThat(ProcessorFee.of(10_000)).isEqualTo(320);
        assertThat(ProcessorFee.of(20)).isEqualTo(20);
    }
}
