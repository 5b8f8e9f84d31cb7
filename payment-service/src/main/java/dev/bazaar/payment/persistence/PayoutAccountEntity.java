package dev.bazaar.payment.persistence;

import dev.bazaar.payment.domain.PayoutAccount;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The {@code payout_account} table (V3__payouts_webhooks.sql, V11__account_requirements.sql) as Hibernate maps it.
 * Persistence only: services see {@link PayoutAccount}. The table has no version column, so there is no
 * {@code @Version}: a change row-locks the account first ({@link PayoutAccountRepository#lock}). {@code created_at} is
 * the database's (its default, never written here); {@code updated_at} is the database's on insert and the service
 * clock's on every change.
 */
@Entity
@Table(name = "payout_account")
public class PayoutAccountEntity {

    @Id
    @Column(name = "shop_id")
    public UUID shopId;

    @Column(updatable = false)
    public String provider;

    @Column(name = "account_id", updatable = false)
    public String accountId;

    public boolean verified;

    @Column(name = "onboarding_url")
    public String onboardingUrl;

    @Enumerated(EnumType.STRING)
    public PayoutAccount.Schedule schedule;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "requirements_due")
    public String[] requirementsDue;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "requirements_past_due")
    public String[] requirementsPastDue;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "requirements_deadline")
    public Instant requirementsDeadline;

    /** The {@code created} time of the provider's {@code account.updated} applied last; null when none was. */
    @Column(name = "provider_updated_at")
    public Instant providerUpdatedAt;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", insertable = false)
    public Instant updatedAt;

    PayoutAccount toAccount() {
        PayoutAccount.Requirements requirements = new PayoutAccount.Requirements(
                List.of(requirementsDue), List.of(requirementsPastDue), disabledReason, requirementsDeadline);
        return new PayoutAccount(
                shopId, accountId, verified, onboardingUrl, schedule, requirements, !verified || requirements.any());
    }
}
