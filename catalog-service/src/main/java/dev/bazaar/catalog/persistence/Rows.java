package dev.bazaar.catalog.persistence;

import io.vertx.pgclient.PgException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** What the persistence classes share: the time a write stamps, and reading a constraint violation. */
public final class Rows {

    private Rows() {}

    /** Now, at PostgreSQL's precision (microseconds), so what a write answers equals what a later read gives. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * When {@code e} (or one of its causes) is a unique violation (SQLSTATE 23505), the database's own words for it —
     * the constraint's name and PostgreSQL's detail, e.g. {@code shop_owner_subject_key … Key (owner_subject)=(…)
     * already exists} — so a service can tell which uniqueness was hit. Hibernate Reactive wraps the driver's exception
     * (in a message that also quotes the INSERT, every column named: not to be searched); the reactive client throws
     * it as it is.
     */
    public static Optional<String> uniqueViolation(Throwable e) {
        String hibernates = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg) {
                return "23505".equals(pg.getSqlState())
                        ? Optional.of(pg.getErrorMessage() + " " + pg.getConstraint() + " " + pg.getDetail())
                        : Optional.empty();
            }
            if (hibernates == null
                    && t instanceof org.hibernate.exception.ConstraintViolationException cv
                    && "23505".equals(cv.getSQLState())) {
                hibernates = String.valueOf(cv.getConstraintName());
            }
        }
        return Optional.ofNullable(hibernates);
    }
}
