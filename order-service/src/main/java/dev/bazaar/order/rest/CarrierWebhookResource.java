package dev.bazaar.order.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.kit.clock.AdjustableClock;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.order.config.OrderConfig;
import dev.bazaar.order.domain.CarrierSignature;
import dev.bazaar.order.domain.TrackingKey;
import dev.bazaar.order.service.CarrierEvents;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Carriers' tracking webhooks: {@code POST /api/v1/carriers/{carrier}/events} with a JSON tracking event
 * {@code {"id", "trackingNumber", "status", "occurredAt"}}, signed with the carrier's secret
 * ({@code bazaar.orders.carriers.<carrier>.secret}) in {@value CarrierSignature#HEADER} (see {@link CarrierSignature};
 * 5-minute tolerance). The signature is the only credential (no bearer token: a carrier cannot have one), so the
 * endpoint is {@code @PermitAll}, as payment's Stripe webhooks are. A carrier not configured here is 404; a missing,
 * malformed, stale or wrong signature is 401 and a body that is not a tracking event 400, and neither changes anything.
 * An accepted event is answered 200 when it was about one of our parcels (applied now or before), 202 when it was
 * acknowledged and ignored — another status than DELIVERED, or a tracking number no parcel of ours has — so the carrier
 * stops retrying it ({@link CarrierEvents}).
 */
@Path("/api/v1/carriers/{carrier}/events")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class CarrierWebhookResource {

    /** The tracking event as a carrier sends it; other fields are ignored. {@code occurredAt}: ISO-8601 instant. */
    public record TrackingEventBody(
            @NotBlank(message = "is required") @Size(max = 200, message = "is at most 200 characters")
            String id,

            @NotBlank(message = "is required") @Size(max = 100, message = "is at most 100 characters")
            String trackingNumber,

            @NotBlank(message = "is required") @Size(max = 50, message = "is at most 50 characters")
            String status,

            @NotNull(message = "is required") @Size(max = 50, message = "is at most 50 characters")
            String occurredAt) {}

    private final CarrierEvents carriers;
    private final OrderConfig config;
    private final Clock clock;
    private final ObjectMapper json;
    private final Validator validator;

    public CarrierWebhookResource(
            CarrierEvents carriers, OrderConfig config, Clock clock, ObjectMapper json, Validator validator) {
        this.carriers = carriers;
        this.config = config;
        this.clock = clock;
        this.json = json;
        this.validator = validator;
    }

    @POST
    @Consumes(MediaType.WILDCARD) // verified byte for byte, whatever the carrier calls its content type
    public Uni<RestResponse<CarrierEvents.Outcome>> receive(
            @PathParam("carrier") @Size(max = 50, message = "is at most 50 characters") String carrier,
            @HeaderParam(CarrierSignature.HEADER) @Size(max = 1000, message = "is at most 1000 characters")
                    String signature,
            @Size(max = 65_536, message = "is at most 64 KiB") byte[] body) {
        String secret = carriers.secret(carrier)
                .orElseThrow(() ->
                        new ProblemException.NotFound("No carrier '" + carrier + "' sends tracking events here."));
        byte[] payload = body == null ? new byte[0] : body;
        // the carrier signs with the real time: a demo's moved service clock must not make every event look replayed
        CarrierSignature.Verdict verdict = CarrierSignature.verify(
                signature,
                payload,
                secret,
                AdjustableClock.unadjusted(clock).instant(),
                config.carrierSignatureTolerance());
        if (verdict != CarrierSignature.Verdict.VALID) {
            throw new ProblemException("invalid-signature", "Invalid signature", 401, verdict.reason() + ".");
        }
        TrackingEventBody event = parse(payload);
        CarrierEvents.TrackingEvent verified = new CarrierEvents.TrackingEvent(
                event.id(),
                TrackingKey.of(carrier, event.trackingNumber()),
                event.status().strip().toUpperCase(Locale.ROOT),
                instant(event.occurredAt()));
        return carriers.apply(verified)
                .map(o -> RestResponse.status(
                        o.result().applied() ? RestResponse.Status.OK : RestResponse.Status.ACCEPTED, o));
    }

    private TrackingEventBody parse(byte[] payload) {
        TrackingEventBody event;
        try {
            event = json.readValue(payload, TrackingEventBody.class);
        } catch (JsonProcessingException e) {
            throw new ProblemException.Invalid(
                    "body", "is not a JSON tracking event {id, trackingNumber, status, " + "occurredAt}");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (event == null) {
            throw new ProblemException.Invalid("body", "is required: a JSON tracking event");
        }
        Set<ConstraintViolation<TrackingEventBody>> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return event;
    }

    private static Instant instant(String occurredAt) {
        try {
            return Instant.parse(occurredAt.strip());
        } catch (DateTimeParseException e) {
            throw new ProblemException.Invalid("occurredAt", "must be an ISO-8601 instant like 2026-11-24T10:15:30Z");
        }
    }
}
