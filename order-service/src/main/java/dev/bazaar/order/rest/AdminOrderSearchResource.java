package dev.bazaar.order.rest;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.order.persistence.AdminOrderSearch;
import dev.bazaar.order.persistence.AdminOrderSearch.After;
import dev.bazaar.order.persistence.AdminOrderSearch.Criteria;
import dev.bazaar.order.persistence.AdminOrderSearch.Found;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Admins: find orders by id, buyer (the Keycloak subject), shop and placed date (UTC days, both inclusive), newest
 * first, {@code limit} (1..{@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}) a page; {@code cursor} is the previous
 * page's {@code nextCursor}. Anything malformed is a 400 naming the parameter.
 */
@Path("/api/v1/admin/orders")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminOrderSearchResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    public record Money(long amount, String currency) {}

    public record ShopView(UUID shopId, String status) {}

    public record FoundView(
            UUID orderId,
            String buyerSubject,
            String status,
            Instant placedAt,
            Money total,
            int itemCount,
            List<ShopView> shops) {}

    /** {@code nextCursor}: pass it as {@code cursor} for the next page; null on the last. */
    public record SearchView(List<FoundView> items, String nextCursor) {}

    private final AdminOrderSearch search;

    public AdminOrderSearchResource(AdminOrderSearch search) {
        this.search = search;
    }

    @GET
    public Uni<SearchView> search(
            @QueryParam("orderId") @Size(max = 36, message = "is at most 36 characters") String orderId,
            @QueryParam("buyer") @Size(max = 100, message = "is at most 100 characters") String buyer,
            @QueryParam("shopId") @Size(max = 36, message = "is at most 36 characters") String shopId,
            @QueryParam("from") @Size(max = 10, message = "is at most 10 characters") String from,
            @QueryParam("to") @Size(max = 10, message = "is at most 10 characters") String to,
            @QueryParam("limit") @Size(max = 3, message = "is at most 3 characters") String limit,
            @QueryParam("cursor") @Size(max = 200, message = "is at most 200 characters") String cursor) {
        LocalDate start = day("from", from);
        LocalDate end = day("to", to);
        if (start != null && end != null && start.isAfter(end)) {
            throw new ProblemException.Invalid("from", "must be on or before 'to'");
        }
        Criteria criteria = new Criteria(
                uuid("orderId", orderId),
                blankToNull(buyer),
                uuid("shopId", shopId),
                start == null ? null : start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                end == null
                        ? null
                        : end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        return search.search(criteria, after(cursor), size(limit))
                .map(r -> new SearchView(
                        r.items().stream().map(AdminOrderSearchResource::view).toList(),
                        r.next() == null ? null : cursorOf(r.next())));
    }

    private static FoundView view(Found f) {
        return new FoundView(
                UUID.fromString(f.orderId()),
                f.buyerSubject(),
                f.status(),
                f.placedAt(),
                f.total() == null ? null : new Money(f.total().amount, f.total().currency),
                f.itemCount(),
                f.shops().stream()
                        .map(s -> new ShopView(UUID.fromString(s.shopId()), s.status()))
                        .toList());
    }

    /** The cursor: where the page's last order sits (placed time in ms, order id), opaque to callers. */
    static String cursorOf(After after) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        (after.placedAt().toEpochMilli() + "_" + after.orderId()).getBytes(StandardCharsets.UTF_8));
    }

    private static After after(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            int cut = raw.indexOf('_');
            Instant at = Instant.ofEpochMilli(Long.parseLong(raw.substring(0, cut)));
            return new After(at, UUID.fromString(raw.substring(cut + 1)).toString());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new ProblemException.Invalid("cursor", "is not a cursor this search gave");
        }
    }

    private static int size(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit.strip());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ProblemException.Invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static String uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip()).toString();
        } catch (IllegalArgumentException e) {
            throw new ProblemException.Invalid(field, "must be an id like 0b8f6a3e-2c1d-4e5f-8a9b-0c1d2e3f4a5b");
        }
    }

    private static LocalDate day(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ProblemException.Invalid(field, "must be a date like 2026-11-24");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
