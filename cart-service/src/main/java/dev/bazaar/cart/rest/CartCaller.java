package dev.bazaar.cart.rest;

import dev.bazaar.cart.config.RateLimits;
import dev.bazaar.cart.domain.CartKeys;
import dev.bazaar.cart.persistence.CartRef;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.ratelimit.RateLimiter;
import dev.bazaar.kit.web.ClientAddress;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Who is using a cart: a buyer (bearer token with role {@code buyer}; the cart is keyed by the token's subject) or a
 * guest (no token; the cart is named by the {@code X-Cart-Token} we issued). Any other role is refused, and a bad
 * token is a 401 — never silently a guest. The identity is resolved without blocking.
 */
@ApplicationScoped
public class CartCaller {

    public static final String TOKEN_HEADER = "X-Cart-Token";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The cart to use; {@code mustExist}: a guest named a cart we must find rather than create. */
    public record Resolved(CartRef cart, boolean mustExist, String ip, boolean issued) {}

    private final CurrentIdentityAssociation identities;
    private final ClientAddress clientIp;
    private final RateLimiter limiter;
    private final RateLimits config;

    public CartCaller(
            CurrentIdentityAssociation identities, ClientAddress clientIp, RateLimiter limiter, RateLimits config) {
        this.identities = identities;
        this.clientIp = clientIp;
        this.limiter = limiter;
        this.config = config;
    }

    /** For reads: a guest without a token has an empty cart and gets no token. */
    public Uni<Resolved> forRead(HttpServerRequest request) {
        return resolve(request, false);
    }

    /** For writes: a guest without a token (or with one we no longer know) is issued a new one. */
    public Uni<Resolved> forWrite(HttpServerRequest request) {
        return resolve(request, true);
    }

    /** Only for buyers (merge). */
    public Uni<Resolved> buyer(HttpServerRequest request) {
        return resolve(request, true).invoke(r -> {
            if (r.cart().guest()) {
                throw new io.quarkus.security.UnauthorizedException();
            }
        });
    }

    /** A guest whose token we no longer know gets a new cart (counted as a new cart, like any other). */
    public Uni<Resolved> reissue(Resolved guest) {
        return created(new Resolved(CartRef.guest(newToken()), false, guest.ip(), true));
    }

    /**
     * A new guest cart counts against {@code bazaar.cart.rate-limit.guest-carts-per-ip} per
     * {@code guest-cart-window}, apart from the write limits: without it one address could leave millions of
     * seven-day carts in Redis in a day.
     */
    private Uni<Resolved> created(Resolved r) {
        RateLimits.RateLimit rl = config.rateLimit();
        if (!r.issued() || !rl.enabled() || r.ip() == null) {
            return Uni.createFrom().item(r);
        }
        return limiter.acquire(
                        "guest-carts",
                        r.ip(),
                        rl.guestCartsPerIp(),
                        rl.guestCartWindow(),
                        "new guest carts from one address")
                .replaceWith(r);
    }

    private Uni<Resolved> resolve(HttpServerRequest request, boolean write) {
        String ip = clientIp.of(request);
        return identities
                .getDeferredIdentity()
                .map(identity -> {
                    if (!identity.isAnonymous()) {
                        if (!identity.hasRole("buyer")) {
                            throw new ForbiddenException();
                        }
                        return new Resolved(
                                CartRef.buyer(identity.getPrincipal().getName()), false, ip, false);
                    }
                    String token = request.getHeader(TOKEN_HEADER);
                    if (token == null || token.isEmpty()) {
                        return write
                                ? new Resolved(CartRef.guest(newToken()), false, ip, true)
                                : new Resolved(null, false, ip, false);
                    }
                    if (!CartKeys.GUEST_TOKEN.matcher(token).matches()) {
                        throw new ProblemException.Invalid(
                                TOKEN_HEADER, "must be the 32-character cart token we issued");
                    }
                    return new Resolved(CartRef.guest(token), true, ip, false);
                })
                .flatMap(this::created);
    }

    static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
