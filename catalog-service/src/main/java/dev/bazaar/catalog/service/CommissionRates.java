package dev.bazaar.catalog.service;

import dev.bazaar.catalog.domain.Category;
import dev.bazaar.catalog.domain.CommissionSchedule;
import dev.bazaar.catalog.domain.CommissionTiers;
import dev.bazaar.catalog.domain.CommissionTiers.Resolved;
import dev.bazaar.catalog.persistence.CategoryRepository;
import dev.bazaar.catalog.persistence.CommissionStore;
import dev.bazaar.catalog.persistence.Rows;
import dev.bazaar.catalog.persistence.ShopRepository;
import dev.bazaar.catalog.persistence.VariantLookup.VariantInfo;
import dev.bazaar.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Volume-tier commission: the rate a shop pays in a category now (for the variant lookup that carts and checkout
 * quote from, and for the seller's own page), and the admins' schedules. The rate is resolved when asked and frozen by
 * checkout into each order line; nothing here ever touches a placed order. The category and shop reads run in a
 * session of their own that is closed before the pool's queries run: a session holds a connection, and asking the same
 * pool for a second one while holding it deadlocks the pool under a burst (#28). Callers hold no session.
 */
@ApplicationScoped
public class CommissionRates {

    /** Sales placed within this long before now count towards a shop's tier. */
    public static final Duration TRAILING = Duration.ofDays(30);

    private final CommissionStore store;
    private final CategoryRepository categories;
    private final ShopRepository shops;
    private final Clock clock;

    public CommissionRates(CommissionStore store, CategoryRepository categories, ShopRepository shops, Clock clock) {
        this.store = store;
        this.categories = categories;
        this.shops = shops;
        this.clock = clock;
    }

    /**
     * The variants with each one's rate resolved for its shop's trailing GMV under its category's schedule in force:
     * two queries whatever the number of lines (every shop's GMV at once, every category's schedule at once).
     */
    public Uni<List<VariantInfo>> resolve(List<VariantInfo> variants) {
        if (variants.isEmpty()) {
            return Uni.createFrom().item(variants);
        }
        Instant now = clock.instant();
        Set<UUID> shopIds = variants.stream().map(VariantInfo::shopId).collect(Collectors.toSet());
        Set<UUID> categoryIds = variants.stream().map(VariantInfo::categoryId).collect(Collectors.toSet());
        Uni<Map<UUID, CommissionSchedule>> schedules = store.inForce(categoryIds, now);
        return schedules.flatMap(inForce -> inForce.isEmpty()
                ? Uni.createFrom().item(variants) // no category has a schedule: the fixed rates stand, no GMV needed
                : store.trailingGmv(shopIds, now.minus(TRAILING))
                        .map(gmv -> variants.stream()
                                .map(v -> {
                                    CommissionSchedule s = inForce.get(v.categoryId());
                                    return s == null
                                            ? v
                                            : v.withCommissionRateBps(
                                                    CommissionTiers.resolve(s, gmv.getOrDefault(v.shopId(), 0L))
                                                            .rateBps());
                                })
                                .toList()));
    }

    /** A category's rate for one shop, and how far the next tier is. */
    public record CategoryRate(
            UUID categoryId,
            String slug,
            String name,
            String path,
            int rateBps,
            int tier,
            UUID scheduleId,
            Long nextAboveMinor,
            Integer nextRateBps,
            Long toNextMinor) {}

    /** What a seller sees: the shop's trailing GMV and, per category, the rate it pays now. */
    public record SellerCommission(
            UUID shopId, Instant asOf, long trailing30DayGmvMinor, String currency, List<CategoryRate> categories) {}

    /** The commission page of the shop {@code owner} runs; 404 when they have none. */
    public Uni<SellerCommission> forSeller(String owner) {
        Instant now = clock.instant();
        // the shop and the category tree in a session closed before the pool's queries (a session holds a connection)
        return Panache.withSession(() -> shops.findByOwner(owner).flatMap(shop -> {
                    if (shop.isEmpty()) {
                        return Uni.createFrom()
                                .<Map.Entry<UUID, List<Category>>>failure(
                                        new ProblemException.NotFound("You have no shop yet."));
                    }
                    return categories.tree().map(tree -> Map.entry(shop.get().id(), tree));
                }))
                .flatMap(found -> {
                    UUID shopId = found.getKey();
                    List<Category> tree = found.getValue();
                    return store.inForce(null, now)
                            .flatMap(inForce -> store.trailingGmv(shopId, now.minus(TRAILING))
                                    .map(gmv -> {
                                        List<CategoryRate> rates = new ArrayList<>();
                                        flatten(tree, c -> {
                                            CommissionSchedule s = inForce.get(c.id());
                                            Resolved r = s == null
                                                    ? CommissionTiers.resolve(
                                                            c.commissionRateBps(), List.of(), now, gmv)
                                                    : CommissionTiers.resolve(s, gmv);
                                            rates.add(new CategoryRate(
                                                    c.id(),
                                                    c.slug(),
                                                    c.name(),
                                                    c.path(),
                                                    r.rateBps(),
                                                    r.tier(),
                                                    r.scheduleId(),
                                                    r.nextAboveMinor(),
                                                    r.nextRateBps(),
                                                    r.toNextMinor()));
                                        });
                                        return new SellerCommission(shopId, now, gmv, "USD", rates);
                                    }));
                });
    }

    private static void flatten(List<Category> nodes, java.util.function.Consumer<Category> each) {
        for (Category c : nodes) {
            each.accept(c);
            flatten(c.children(), each);
        }
    }

    /** A schedule as the admins see it: whether it is the one in force now. */
    public record ScheduleView(
            UUID id, Instant effectiveFrom, int baseRateBps, List<CommissionSchedule.Tier> tiers, boolean inForce) {}

    /** A category's commission: its fixed rate (before any schedule) and its schedules, oldest first. */
    public record CategoryCommission(UUID categoryId, int fixedRateBps, Instant asOf, List<ScheduleView> schedules) {}

    public Uni<CategoryCommission> forCategory(UUID categoryId) {
        Instant now = clock.instant();
        return Panache.withSession(() -> categories.findById(categoryId)).flatMap(c -> {
            if (c == null) {
                return Uni.createFrom().failure(new ProblemException.NotFound("No category " + categoryId + "."));
            }
            return store.schedules(categoryId).map(all -> {
                UUID current = CommissionTiers.inForce(all, now)
                        .map(CommissionSchedule::id)
                        .orElse(null);
                return new CategoryCommission(
                        categoryId,
                        c.commissionRateBps,
                        now,
                        all.stream()
                                .map(s -> new ScheduleView(
                                        s.id(), s.effectiveFrom(), s.baseRateBps(), s.tiers(), s.id().equals(current)))
                                .toList());
            });
        });
    }

    /**
     * Adds a schedule from {@code effectiveFrom} (null: now) on. Refused, changing nothing: a start in the past (orders
     * were already quoted then), a schedule breaking the rules, a second schedule at the same instant.
     */
    public Uni<ScheduleView> add(
            UUID categoryId,
            Instant effectiveFrom,
            int baseRateBps,
            List<CommissionSchedule.Tier> tiers,
            String admin) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // stored at PostgreSQL's precision, so what the answer says is what later reads compare against
        Instant from = effectiveFrom == null ? now : effectiveFrom.truncatedTo(ChronoUnit.MICROS);
        if (from.isBefore(now)) {
            return Uni.createFrom()
                    .failure(new ProblemException.Invalid(
                            "effectiveFrom",
                            "must not be in the past (it is " + now
                                    + "): placed orders keep the rate they were quoted"));
        }
        CommissionSchedule schedule;
        try {
            schedule = new CommissionSchedule(UUID.randomUUID(), from, baseRateBps, tiers);
        } catch (CommissionSchedule.Invalid e) {
            return Uni.createFrom().failure(new ProblemException.Invalid(e.field(), e.getMessage()));
        }
        return Panache.withSession(() -> categories.exists(categoryId))
                .flatMap(exists -> !exists
                        ? Uni.createFrom().failure(new ProblemException.NotFound("No category " + categoryId + "."))
                        : store.insert(categoryId, schedule, admin)
                                .onFailure(f -> Rows.uniqueViolation(f).isPresent())
                                .transform(f -> new ProblemException.Conflict(
                                        "schedule-exists",
                                        "This category already has a " + "schedule starting at " + from + ".")))
                .map(s -> new ScheduleView(s.id(), s.effectiveFrom(), s.baseRateBps(), s.tiers(), !from.isAfter(now)));
    }

    /** Deletes a schedule that is not yet in force: 409 for one in force or past, 404 for an unknown one. */
    public Uni<Void> delete(UUID categoryId, UUID scheduleId) {
        return store.deleteNotYetInForce(categoryId, scheduleId, clock.instant())
                .flatMap(result -> switch (result) {
                    case DELETED -> Uni.createFrom().voidItem();
                    case IN_FORCE ->
                        Uni.createFrom()
                                .failure(
                                        new ProblemException.Conflict(
                                                "schedule-in-force",
                                                "This schedule has come into force: orders were quoted on it. Add a new one instead."));
                    case NOT_FOUND ->
                        Uni.createFrom()
                                .failure(new ProblemException.NotFound(
                                        "No schedule " + scheduleId + " in category " + categoryId + "."));
                });
    }
}
