package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.SellerApplication;
import dev.bazaar.catalog.domain.SellerApplication.Status;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sellers' applications (table {@code seller_application}), SQL on the reactive client. Decisions are conditional
 * updates ({@code WHERE status = 'PENDING'}), so two admins deciding at once cannot both win, and the one-open-
 * application rule is a partial unique index, so two applications sent at once cannot both be stored.
 */
@ApplicationScoped
public class SellerApplicationStore {

    private static final String COLUMNS = "id, applicant_subject, applicant_name, shop_name, country, contact_email,"
            + " contact_phone, message, status, reason, decided_by, decided_at, created_at";

    private final Pool pool;

    public SellerApplicationStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores a new PENDING application; fails with a unique violation when the applicant has an open one. */
    public Uni<SellerApplication> insert(SellerApplication a) {
        return pool.preparedQuery("INSERT INTO seller_application (id, applicant_subject, applicant_name, shop_name,"
                        + " country, contact_email, contact_phone, message, status, created_at)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'PENDING', $9) RETURNING " + COLUMNS)
                .execute(Tuple.tuple()
                        .addValue(a.id())
                        .addValue(a.applicant())
                        .addValue(a.applicantName())
                        .addValue(a.shopName())
                        .addValue(a.country())
                        .addValue(a.contactEmail())
                        .addValue(a.contactPhone())
                        .addValue(a.message())
                        .addValue(OffsetDateTime.ofInstant(a.createdAt(), ZoneOffset.UTC)))
                .map(rows -> toApplication(rows.iterator().next()));
    }

    public Uni<Optional<SellerApplication>> byId(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM seller_application WHERE id = $1")
                .execute(Tuple.of(id))
                .map(SellerApplicationStore::first);
    }

    /** The applicant's own applications, newest first. */
    public Uni<Page<SellerApplication>> ofApplicant(String subject, PageRequest page) {
        return list("applicant_subject = $1", "created_at DESC, id", subject, page);
    }

    /** The admins' queue: applications in a status, oldest first. */
    public Uni<Page<SellerApplication>> byStatus(Status status, PageRequest page) {
        return list("status = $1", "created_at, id", status.name(), page);
    }

    /** PENDING → APPROVED; empty when it was not PENDING (decided meanwhile, or never existed). */
    public Uni<Optional<SellerApplication>> approve(UUID id, String admin) {
        return pool.preparedQuery("UPDATE seller_application SET status = 'APPROVED', decided_by = $2,"
                        + " decided_at = now() WHERE id = $1 AND status = 'PENDING' RETURNING " + COLUMNS)
                .execute(Tuple.of(id, admin))
                .map(SellerApplicationStore::first);
    }

    /** PENDING → REJECTED with the reason; empty when it was not PENDING. */
    public Uni<Optional<SellerApplication>> reject(UUID id, String admin, String reason) {
        return pool.preparedQuery("UPDATE seller_application SET status = 'REJECTED', reason = $3, decided_by = $2,"
                        + " decided_at = now() WHERE id = $1 AND status = 'PENDING' RETURNING " + COLUMNS)
                .execute(Tuple.of(id, admin, reason))
                .map(SellerApplicationStore::first);
    }

    private Uni<Page<SellerApplication>> list(String where, String order, String value, PageRequest page) {
        Uni<List<SellerApplication>> items = pool.preparedQuery("SELECT " + COLUMNS + " FROM seller_application WHERE "
                        + where + " ORDER BY " + order + " LIMIT $2 OFFSET $3")
                .execute(Tuple.of(value, page.size(), page.offset()))
                .map(rows -> {
                    List<SellerApplication> found = new ArrayList<>();
                    rows.forEach(r -> found.add(toApplication(r)));
                    return found;
                });
        Uni<Long> total = pool.preparedQuery("SELECT count(*) FROM seller_application WHERE " + where)
                .execute(Tuple.of(value))
                .map(rows -> rows.iterator().next().getLong(0));
        return Uni.combine().all().unis(items, total).asTuple().map(t -> Page.of(t.getItem1(), page, t.getItem2()));
    }

    private static Optional<SellerApplication> first(RowSet<Row> rows) {
        return rows.size() == 0
                ? Optional.empty()
                : Optional.of(toApplication(rows.iterator().next()));
    }

    private static SellerApplication toApplication(Row r) {
        OffsetDateTime decided = r.getOffsetDateTime("decided_at");
        return new SellerApplication(
                r.getUUID("id"),
                r.getString("applicant_subject"),
                r.getString("applicant_name"),
                r.getString("shop_name"),
                r.getString("country"),
                r.getString("contact_email"),
                r.getString("contact_phone"),
                r.getString("message"),
                Status.valueOf(r.getString("status")),
                r.getString("reason"),
                r.getString("decided_by"),
                decided == null ? null : decided.toInstant(),
                r.getOffsetDateTime("created_at").toInstant());
    }
}
