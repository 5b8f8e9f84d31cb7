package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.StaffMember;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code shop_staff} table (V13__shop_staff.sql) as Hibernate maps it, so a staff change commits in the same
 * Hibernate Reactive transaction as the shop's new version and its outbox event. Persistence only.
 */
@Entity
@Table(name = "shop_staff")
public class ShopStaffEntity {

    @Id
    @Column(name = "user_subject")
    public String userSubject;

    @Column(name = "shop_id")
    public UUID shopId;

    public String username;
    public String role;

    @Column(name = "granted_seller")
    public boolean grantedSeller;

    @Column(name = "invited_by")
    public String invitedBy;

    @Column(name = "invited_at")
    public Instant invitedAt;

    StaffMember toMember() {
        return new StaffMember(shopId, userSubject, username, role, grantedSeller, invitedBy, invitedAt);
    }
}
