package dev.bazaar.checkout.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bazaar.checkout.config.CheckoutConfig;
import dev.bazaar.checkout.domain.CheckoutStatus;
import dev.bazaar.checkout.domain.quote.Quoting;
import dev.bazaar.checkout.domain.saga.CheckoutSaga;
import dev.bazaar.checkout.persistence.SagaRecord;
import dev.bazaar.checkout.persistence.SagaStore;
import dev.bazaar.checkout.service.Quotes;
import dev.bazaar.checkout.service.SagaWatch;
import dev.bazaar.checkout.service.Sagas;
import dev.bazaar.contracts.messaging.Lines.OptionValue;
import dev.bazaar.contracts.messaging.Lines.Shortage;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.idempotency.IdempotencyKeys;
import dev.bazaar.kit.idempotency.IdempotentRequest;
import dev.bazaar.kit.problem.Problem;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.ratelimit.RateLimiter;
import dev.bazaar.kit.tenancy.CurrentUser;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** A buyer's checkouts: the quote, its confirmation (the saga) and the saga's status, also as a stream. */
@Path("/api/v1/checkouts")
@RolesAllowed("buyer")
@Produces(MediaType.APPLICATION_JSON)
public class CheckoutResource {

    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    /** An SSE stream follows a saga at least this long. */
    static final Duration STREAM_MIN = Duration.ofMinutes(10);
    /** Cache-Control of an answer that carries a payment's client secret: no cache may keep it. */
    static final String NO_STORE = "no-store";

    private final SagaStore store;
    private final Sagas sagas;
    private final SagaWatch watch;
    private final Quotes quotes;
    private final IdempotencyKeys idempotency;
    private final CheckoutConfig config;
    private final CurrentUser user;
    private final JsonWebToken token;
    private final RateLimiter limiter;

    public CheckoutResource(
            SagaStore store,
            Sagas sagas,
            SagaWatch watch,
            Quotes quotes,
            IdempotencyKeys idempotency,
            CheckoutConfig config,
            CurrentUser user,
            JsonWebToken token,
            RateLimiter limiter) {
        this.limiter = limiter;
        this.store = store;
        this.sagas = sagas;
        this.watch = watch;
        this.quotes = quotes;
        this.idempotency = idempotency;
        this.config = config;
        this.user = user;
        this.token = token;
    }

    public record AddressRequest(
            @NotBlank(message = "is required") @Size(max = 200, message = "is at most 200 characters")
            String name,

            @NotBlank(message = "is required") @Size(max = 200, message = "is at most 200 characters")
            String line1,

            @Size(max = 200, message = "is at most 200 characters")
            String line2,

            @NotBlank(message = "is required") @Size(max = 100, message = "is at most 100 characters")
            String city,

            @Size(max = 100, message = "is at most 100 characters")
            String region,

            @NotBlank(message = "is required") @Size(max = 20, message = "is at most 20 characters")
            String postalCode,

            @NotNull(message = "is required")
            @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code")
            String country) {}

    public record QuoteRequest(
            @Valid @NotNull(message = "is required") AddressRequest shippingAddress,

            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code")
            String displayCurrency) {}

    public record ConfirmRequest(
            @NotBlank(message = "is required")
            @Pattern(regexp = "pm_[A-Za-z0-9_]{1,64}", message = "must be a payment method token such as pm_card_visa")
            String paymentMethod) {}

    /** A quote as the buyer sees it: no commission (frozen into the stored quote for the saga, never shown). */
    public record QuoteView(UUID id, String status, BuyerQuote quote) {}

    public record BuyerLine(
            UUID variantId,
            UUID productId,
            String title,
            String sku,

            @Schema(
                    description = "The variant's option values as [{name, value}] in the catalog's order, e.g. "
                            + "[{\"name\": \"size\", \"value\": \"M\"}, {\"name\": \"colour\", \"value\": \"blue\"}]; "
                            + "empty for a variant without options")
            List<OptionValue> options,

            int quantity,
            Money unitPrice,
            Money lineTotal) {}

    public record BuyerGroup(
            UUID shopId, List<BuyerLine> lines, Money subtotal, Money shipping, Money tax, Money total) {}

    public record BuyerQuote(
            List<BuyerGroup> groups,
            Money subtotal,
            Money shipping,
            Money tax,
            Money total,
            Quoting.DisplayAmount displayTotal) {
        static BuyerQuote of(Quoting.Quote q) {
            return q == null
                    ? null
                    : new BuyerQuote(
                            q.groups().stream()
                                    .map(g -> new BuyerGroup(
                                            g.shopId(),
                                            g.lines().stream()
                                                    .map(l -> new BuyerLine(
                                                            l.variantId(),
                                                            l.productId(),
                                                            l.title(),
                                                            l.sku(),
                                                            l.options(),
                                                            l.quantity(),
                                                            l.unitPrice(),
                                                            l.lineTotal()))
                                                    .toList(),
                                            g.subtotal(),
                                            g.shipping(),
                                            g.tax(),
                                            g.total()))
                                    .toList(),
                            q.subtotal(),
                            q.shipping(),
                            q.tax(),
                            q.total(),
                            q.displayTotal());
        }
    }

    public record FailureView(String reason, String step, String detail, List<Shortage> shortages) {
        static FailureView of(CheckoutSaga.Failure f) {
            return f == null
                    ? null
                    : new FailureView(
                            f.reason().name(),
                            f.step().name(),
                            f.detail(),
                            f.shortages().isEmpty() ? null : f.shortages());
        }
    }

    /**
     * While the saga is AWAITING_BUYER_ACTION: what the buyer's app needs to authenticate the card — the payment's
     * client secret (Stripe.js {@code handleNextAction}) and Stripe's next action. Only the checkout's own buyer gets
     * it (every endpoint reads the checkout by id and buyer); it is never logged ({@link #toString()}).
     */
    public record PaymentView(String clientSecret, NextActionView nextAction) {
        static PaymentView of(SagaRecord s) {
            CheckoutSaga.BuyerAction a = s.state().buyerAction();
            return a == null
                    ? null
                    : new PaymentView(
                            a.clientSecret(),
                            a.type() == null && a.redirectUrl() == null
                                    ? null
                                    : new NextActionView(a.type(), a.redirectUrl()));
        }

        @Override
        public String toString() {
            return "PaymentView[clientSecret=<redacted>, nextAction=" + (nextAction == null ? null : nextAction.type())
                    + "]";
        }
    }

    /** Stripe's {@code next_action}: {@code use_stripe_sdk}, or {@code redirect_to_url} with where to. */
    public record NextActionView(
            String type,
            @JsonInclude(JsonInclude.Include.NON_NULL) String redirectUrl) {
        @Override
        public String toString() {
            return "NextActionView[type=" + type + "]";
        }
    }

    /**
     * A checkout: its quote, where its saga is, the order it produced, or why it failed; {@code payment} only while
     * the buyer must authenticate the card (absent otherwise).
     */
    public record CheckoutView(
            UUID id,

            @Schema(
                    description = STATUS_DOC,
                    enumeration = {
                        "QUOTED",
                        "RESERVING",
                        "AUTHORIZING",
                        "AWAITING_BUYER_ACTION",
                        "AWAITING_REVIEW",
                        "PLACING",
                        "COMMITTING",
                        "CAPTURING",
                        "COMPLETED",
                        "FAILED"
                    })
            String status,

            UUID orderId,
            UUID paymentId,
            FailureView failure,
            BuyerQuote quote,
            Instant createdAt,
            Instant confirmedAt,
            Instant finishedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) PaymentView payment) {
        static CheckoutView of(SagaRecord s) {
            return new CheckoutView(
                    s.id(),
                    s.status().name(),
                    s.orderId(),
                    s.paymentId(),
                    FailureView.of(s.state().failure()),
                    BuyerQuote.of(s.quote()),
                    s.createdAt(),
                    s.confirmedAt(),
                    s.finishedAt(),
                    PaymentView.of(s));
        }
    }

    /**
     * The answer to a confirm: 200 when COMPLETED, 202 while running; {@code payment} while the buyer must
     * authenticate the card (AWAITING_BUYER_ACTION), absent otherwise.
     */
    public record ConfirmView(
            UUID checkoutId,
            String status,
            UUID orderId,
            @JsonInclude(JsonInclude.Include.NON_NULL) PaymentView payment) {}

    /** One SSE event: where the saga is now ({@code payment} as in {@link CheckoutView}). */
    public record StatusEvent(
            UUID checkoutId,
            String status,
            UUID orderId,
            FailureView failure,
            long version,
            @JsonInclude(JsonInclude.Include.NON_NULL) PaymentView payment) {}

    /** What the status means to a buyer's app (OpenAPI). */
    static final String STATUS_DOC = "Where the checkout is. AWAITING_BUYER_ACTION: the buyer must authenticate the "
            + "card (payment carries what the app needs). AWAITING_REVIEW: the payment is held for a fraud review by "
            + "the platform's staff (decided within minutes; the card is authorized, nothing charged yet); it ends "
            + "COMPLETED when allowed or FAILED (payment-blocked) when blocked.";

    /** A quote from the buyer's cart as it is now: lines by seller, shipping, tax, totals in USD (the charge). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<QuoteView>> quote(
            @Valid @NotNull(message = "a body with shippingAddress is required") QuoteRequest body) {
        AddressRequest a = body.shippingAddress();
        return perBuyer("quotes", config.limits().quotesPerBuyer(), "quotes")
                .flatMap(x -> quotes.quote(
                                user.subject(),
                                token.getRawToken(),
                                new Quotes.Address(
                                        a.name(),
                                        a.line1(),
                                        a.line2(),
                                        a.city(),
                                        a.region(),
                                        a.postalCode(),
                                        a.country()),
                                body.displayCurrency())
                        .map(q -> RestResponse.ResponseBuilder.<QuoteView>created(
                                        URI.create("/api/v1/checkouts/" + q.id()))
                                .entity(new QuoteView(q.id(), "QUOTED", BuyerQuote.of(q.quote())))
                                .build()));
    }

    /** One more call of the buyer against a per-buyer window ({@code bazaar.checkout.limits.*}). */
    private Uni<Void> perBuyer(String limit, int max, String what) {
        return config.limits().enabled()
                ? limiter.acquire(
                        "checkout-" + limit,
                        user.subject(),
                        max,
                        config.limits().window(),
                        what)
                : Uni.createFrom().voidItem();
    }

    @GET
    @Path("{id}")
    public Uni<RestResponse<CheckoutView>> get(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return own(UUID.fromString(id))
                .map(CheckoutView::of)
                .map(v -> v.payment() == null
                        ? RestResponse.ok(v)
                        : RestResponse.ResponseBuilder.ok(v)
                                .header("Cache-Control", NO_STORE)
                                .build());
    }

    /**
     * Confirms the quote: starts the saga (once per checkout, whatever the key) and waits up to
     * {@code bazaar.checkout.confirm-wait} for its end. 200 COMPLETED with the order id; 202 + Location while it runs
     * (a replay of the key then answers the current status); 402 declined or blocked; 409 out of stock (naming the
     * lines) or failed otherwise. The same key with another body → 422. When the card asks the buyer to authenticate,
     * it answers at once 202 AWAITING_BUYER_ACTION with {@code payment} (client secret and next action). That part is
     * added to the answer after the Idempotency-Key store kept it, so the secret is stored only with the saga (and
     * cleared when it moves on); a replay answers the current status anyway.
     */
    @POST
    @Path("{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> confirm(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id,
            @HeaderParam(IdempotentRequest.HEADER) String key,
            @Valid @NotNull(message = "a body with paymentMethod is required") ConfirmRequest body) {
        UUID checkoutId = UUID.fromString(id);
        IdempotentRequest request = IdempotentRequest.of(
                user.scopeName(), "POST", "/api/v1/checkouts/" + checkoutId + "/confirm", key, body);
        AtomicReference<SagaRecord> ran = new AtomicReference<>();
        return perBuyer("confirms", config.limits().confirmsPerBuyer(), "confirmations")
                .flatMap(x -> sagas.refuseIfBusy(checkoutId, user.subject()))
                .flatMap(x -> idempotency
                        .run(
                                request,
                                () -> sagas.confirm(checkoutId, user.subject(), body.paymentMethod())
                                        .flatMap(s -> watch.awaitAnswer(s, config.confirmWait()))
                                        .invoke(ran::set)
                                        // what the key keeps: never the client secret
                                        .map(s -> answer(s, false)))
                        .flatMap(r -> {
                            if (r.getStatus() != 202) {
                                return Uni.createFrom().item(r);
                            }
                            if (r.getHeaderString(IdempotencyKeys.REPLAYED_HEADER) != null) {
                                // the first answer was "still running": a replay answers where the saga is now
                                return own(checkoutId)
                                        .flatMap(s -> watch.awaitAnswer(s, config.confirmWait()))
                                        .map(s -> Response.fromResponse(answer(s, true))
                                                .header(IdempotencyKeys.REPLAYED_HEADER, "true")
                                                .build());
                            }
                            // this call ran the confirm: the same answer, with the buyer's payment action if there is
                            // one
                            SagaRecord s = ran.get();
                            return Uni.createFrom().item(s == null ? r : answer(s, true));
                        }));
    }

    /** Server-sent events: the saga's status now and at every change, until it is COMPLETED or FAILED. */
    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<StatusEvent> events(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        // a checkout that is not the caller's, unconfirmed, or over the buyer's streams never gets here:
        // EventsAdmission
        // answers 404, 409 or 429 before the stream opens
        return Multi.createFrom()
                .uni(own(UUID.fromString(id)))
                .onItem()
                .transformToMultiAndConcatenate(s -> watch.changes(s, streamMax(config)))
                .map(x -> new StatusEvent(
                        x.id(),
                        x.status().name(),
                        x.orderId(),
                        FailureView.of(x.state().failure()),
                        x.version(),
                        PaymentView.of(x)));
    }

    /**
     * How long an SSE stream follows a saga at most: longer than all step timeouts together, the buyer's window to
     * authenticate the card included, so a stream sees the end of any saga it opened on.
     */
    static Duration streamMax(CheckoutConfig config) {
        Duration longest = config.timeouts().total().plus(Duration.ofMinutes(2));
        return longest.compareTo(STREAM_MIN) > 0 ? longest : STREAM_MIN;
    }

    private Uni<SagaRecord> own(UUID id) {
        return store.loadOwn(id, user.subject())
                .map(found -> found.orElseThrow(() -> new ProblemException.NotFound("No checkout " + id + ".")));
    }

    /** The confirm's answer for the saga as it is; {@code withPayment}: with the buyer's payment action, if any. */
    static Response answer(SagaRecord s, boolean withPayment) {
        URI location = URI.create("/api/v1/checkouts/" + s.id());
        PaymentView payment = withPayment ? PaymentView.of(s) : null;
        return switch (s.status()) {
            case COMPLETED ->
                Response.ok(new ConfirmView(s.id(), s.status().name(), s.orderId(), null))
                        .type(MediaType.APPLICATION_JSON)
                        .build();
            case FAILED -> failed(s);
            default -> {
                Response.ResponseBuilder b = Response.accepted(
                                new ConfirmView(s.id(), s.status().name(), s.orderId(), payment))
                        .type(MediaType.APPLICATION_JSON)
                        .location(location);
                yield (payment == null ? b : b.header("Cache-Control", NO_STORE)).build();
            }
        };
    }

    private static Response failed(SagaRecord s) {
        CheckoutSaga.Failure f = s.state().failure();
        String instance = "/api/v1/checkouts/" + s.id();
        Problem p = switch (f.reason()) {
            case OUT_OF_STOCK ->
                new Problem(
                        Problem.type("out-of-stock"),
                        "Out of stock",
                        409,
                        "Some lines are no longer in stock; nothing was charged.",
                        instance,
                        f.shortages().stream()
                                .map(x -> new Problem.Violation(
                                        "lines[" + x.variantId() + "]",
                                        "requested " + x.requested() + ", available " + x.available()))
                                .toList(),
                        null);
            case PAYMENT_DECLINED ->
                problem(
                        "payment-declined",
                        "Payment declined",
                        402,
                        "The payment was declined" + detail(f) + "; nothing was charged and the stock was released.",
                        instance);
            case PAYMENT_BLOCKED ->
                problem(
                        "payment-blocked",
                        "Payment blocked",
                        402,
                        "The payment was blocked by fraud checks; nothing was charged.",
                        instance);
            case PAYMENT_PROVIDER_ERROR ->
                problem(
                        "payment-provider-error",
                        "Payment failed",
                        402,
                        "The payment provider failed; nothing was charged. Start a new checkout to try again.",
                        instance);
            case TIMEOUT ->
                f.step() == CheckoutStatus.AWAITING_BUYER_ACTION
                        ? problem(
                                "checkout-failed",
                                "Checkout failed",
                                409,
                                "The card's authentication was not "
                                        + "completed in time; nothing was charged and the stock was released. Start a new "
                                        + "checkout.",
                                instance)
                        : otherFailure(f, instance);
            default -> otherFailure(f, instance);
        };
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    private static Problem otherFailure(CheckoutSaga.Failure f, String instance) {
        return problem(
                "checkout-failed",
                "Checkout failed",
                409,
                "The checkout could not be completed ("
                        + f.reason().name().toLowerCase(Locale.ROOT) + " at "
                        + f.step().name().toLowerCase(Locale.ROOT)
                        + "); everything was undone. Start a new checkout.",
                instance);
    }

    private static Problem problem(String slug, String title, int status, String detail, String instance) {
        return Problem.of(slug, title, status, detail).withInstance(instance);
    }

    private static String detail(CheckoutSaga.Failure f) {
        return f.detail() == null || f.detail().isBlank() ? "" : " (" + f.detail() + ")";
    }
}
