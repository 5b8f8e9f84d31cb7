package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.StaffMember;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Shop staff on Hibernate Reactive, in the caller's transaction (the shop row is locked first, so changes to one
 * shop's staff are serialised and their events leave in commit order).
 */
@ApplicationScoped
public class ShopStaffRepository implements PanacheRepositoryBase<ShopStaffEntity, String> {

    /** The shop's staff, oldest invitation first. */
    public Uni<List<StaffMember>> ofShop(UUID shopId) {
        return find("shopId = ?1 order by invitedAt, userSubject", shopId)
                .list()
                .map(rows -> rows.stream().map(ShopStaffEntity::toMember).toList());
    }

    /** The shop the user is staff of, if any (a user is staff of at most one shop). */
    public Uni<Optional<StaffMember>> ofUser(String subject) {
        return findById(subject).map(e -> Optional.ofNullable(e).map(ShopStaffEntity::toMember));
    }

    /** Stores a new member; flushed here, so a user who is already staff somewhere fails on the primary key now. */
    public Uni<StaffMember> insert(StaffMember m) {
        ShopStaffEntity e = new ShopStaffEntity();
        e.userSubject = m.subject();
        e.shopId = m.shopId();
        e.username = m.username();
        e.role = m.role();
        e.grantedSeller = m.grantedSeller();
        e.invitedBy = m.invitedBy();
        e.invitedAt = Rows.now();
        return persistAndFlush(e).map(ShopStaffEntity::toMember);
    }

    /** Removes the user from the shop's staff; empty when they were not its staff. */
    public Uni<Optional<StaffMember>> remove(UUID shopId, String subject) {
        return findById(subject)
                .flatMap(e -> e == null || !e.shopId.equals(shopId)
                        ? Uni.createFrom().item(Optional.<StaffMember>empty())
                        : delete(e).call(this::flush).map(x -> Optional.of(e.toMember())));
    }
}
