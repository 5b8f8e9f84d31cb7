package dev.bazaar.payment.rest;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.payment.domain.FraudViews;
import dev.bazaar.payment.service.FraudReviews;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The admins' fraud console (ADR 0026): the rules' decisions with their reasons, the queue of payments held for
 * review and its two decisions, and the blocklist the rules consult beside the configured one. Admins only.
 */
@Path("/api/v1/admin/fraud")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminFraudResource {

    private static final String UUID_PATTERN =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-" + "[0-9a-fA-F]{12}";

    /** A new blocklist entry: a buyer's subject, a payment method, or a shipping country (ISO 3166 alpha-2). */
    public record BlockRequest(
            @NotNull(message = "is required")
            @Pattern(regexp = "BUYER|PAYMENT_METHOD|COUNTRY", message = "is BUYER, PAYMENT_METHOD or COUNTRY")
            String kind,

            @NotBlank(message = "is required") @Size(max = 200, message = "is at most 200 characters")
            String value,

            @NotBlank(message = "is required") @Size(max = 500, message = "is at most 500 characters")
            String reason) {}

    /** An admin's note on a review decision: optional to allow, required to block. */
    public record ReviewNote(
            @Size(max = 500, message = "is at most 500 characters")
            String note) {}

    private final FraudReviews reviews;
    private final CurrentUser user;

    public AdminFraudResource(FraudReviews reviews, CurrentUser user) {
        this.reviews = reviews;
        this.user = user;
    }

    @GET
    @Path("decisions")
    @Operation(
            summary = "The fraud rules' decisions, latest first, with reasons, buyer, amount and payment; a "
                    + "review's outcome, who decided it and when")
    public Uni<List<FraudViews.Decision>> decisions(
            @QueryParam("outcome") @Pattern(regexp = "ALLOW|REVIEW|BLOCK", message = "is ALLOW, REVIEW or BLOCK")
                    String outcome,
            @QueryParam("limit")
                    @DefaultValue("50")
                    @Min(value = 1, message = "is at least 1")
                    @Max(value = 500, message = "is at most 500")
                    int limit) {
        return reviews.decisions(outcome, limit);
    }

    @GET
    @Path("reviews")
    @Operation(summary = "The payments held for review, the nearest decide-by first")
    public Uni<List<FraudViews.Review>> queue(
            @QueryParam("limit")
                    @DefaultValue("100")
                    @Min(value = 1, message = "is at least 1")
                    @Max(value = 500, message = "is at most 500")
                    int limit) {
        return reviews.queue(limit);
    }

    @POST
    @Path("reviews/{paymentId}/allow")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Allow a held payment: the checkout goes on (order placed, payment captured); 409 when it "
                    + "was decided already or its checkout cancelled")
    public Uni<FraudViews.Reviewed> allow(
            @PathParam("paymentId") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String paymentId,
            @Valid ReviewNote body) {
        return reviews.allow(
                UUID.fromString(paymentId), user.subject(), body == null ? null : blankToNull(body.note()));
    }

    @POST
    @Path("reviews/{paymentId}/block")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Block a held payment with a note: the card's hold is released and the checkout fails "
                    + "(stock released); 409 when it was decided already or its checkout cancelled")
    public Uni<FraudViews.Reviewed> block(
            @PathParam("paymentId") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String paymentId,
            @Valid @NotNull(message = "a body with note is required") ReviewNote body) {
        String note = blankToNull(body.note());
        if (note == null) {
            throw new ProblemException.Invalid("note", "is required to block: say why");
        }
        return reviews.block(UUID.fromString(paymentId), user.subject(), note);
    }

    @GET
    @Path("blocklist")
    @Operation(summary = "The admins' blocklist entries, latest first (the configured ones are not listed)")
    public Uni<List<FraudViews.BlocklistEntry>> blocklist() {
        return reviews.blocklist();
    }

    @POST
    @Path("blocklist")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Block a buyer, payment method or shipping country from the next payment on; 409 when it "
                    + "is listed already")
    public Uni<RestResponse<FraudViews.BlocklistEntry>> addBlock(
            @Valid @NotNull(message = "a body with kind, value and reason is required") BlockRequest body) {
        FraudViews.BlockKind kind = FraudViews.BlockKind.valueOf(body.kind());
        String value = body.value().strip();
        if (kind == FraudViews.BlockKind.COUNTRY) {
            value = value.toUpperCase(Locale.ROOT);
            if (!value.matches("[A-Z]{2}")) {
                throw new ProblemException.Invalid("value", "is a country's ISO 3166 alpha-2 code, like US");
            }
        }
        return reviews.block(kind, value, body.reason().strip(), user.subject())
                .map(e -> RestResponse.ResponseBuilder.<FraudViews.BlocklistEntry>created(
                                URI.create("/api/v1/admin/fraud/blocklist/" + e.id()))
                        .entity(e)
                        .build());
    }

    @DELETE
    @Path("blocklist/{id}")
    @Operation(summary = "Remove a blocklist entry")
    public Uni<Void> removeBlock(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return reviews.unblock(UUID.fromString(id));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
