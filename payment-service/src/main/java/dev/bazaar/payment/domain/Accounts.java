package dev.bazaar.payment.domain;

import java.util.UUID;

/**
 * Ledger account codes. Debits are positive, credits negative: assets and expenses carry positive balances,
 * liabilities and revenue negative ones. Per-shop accounts are created on first use.
 */
public final class Accounts {

    /** Money the processor owes us for captured charges, until it settles. */
    public static final String BUYER_CLEARING = "buyer_clearing";
    /** Money at the processor that is ours to pay out, refund and keep. */
    public static final String PLATFORM_CASH = "platform_cash";

    public static final String COMMISSION_REVENUE = "commission_revenue";
    public static final String TAX_PAYABLE = "tax_payable";
    public static final String PROCESSOR_FEES = "processor_fees";
    /** What the platform bore itself when refunding (nothing today: every refund part is taken from its owner). */
    public static final String REFUNDS = "refunds";
    /** Disputed money the processor withdrew from us while the dispute is open (comes back if won). */
    public static final String DISPUTES_IN_PROGRESS = "disputes_in_progress";
    /** The processor's dispute fees: the platform's (ADR 0010). */
    public static final String DISPUTE_FEES = "dispute_fees";
    /** A lost dispute beyond what the sellers' shares still held (already refunded otherwise): the platform's. */
    public static final String DISPUTE_LOSSES = "dispute_losses";

    private Accounts() {}

    /** What the platform owes a seller (a liability: negative balance = owed). */
    public static String sellerPayable(UUID shopId) {
        return "seller_payable:" + shopId;
    }

    /** What a seller owes the platform after refunds exceeded what was still payable (an asset). */
    public static String sellerDebt(UUID shopId) {
        return "seller_debt:" + shopId;
    }
}
