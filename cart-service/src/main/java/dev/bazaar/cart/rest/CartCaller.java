package dev.bazaar.cart.rest;

import dev.bazaar.cart.domain.CartKeys;
import dev.bazaar.cart.persistence.CartRef;
import dev.bazaar.cart.config.RateLimits;
import dev.bazaar.kit.problem.ProblemException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

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
    public record Resolved(CartRef cart, boolean mustExist, String ip, boolean issued) {
    }

    private final CurrentIdentityAssociation identities;
    private final ClientIp clientIp;

    public CartCaller(CurrentIdentityAssociation identities, RateLimits config) {
        this.identities = identities;
        this.clientIp = new ClientIp(config.trustedProxies().orElse(List.of()));
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

    public Resolved reissue(Resolved guest) {
        return new Resolved(CartRef.guest(newToken()), false, guest.ip(), true);
    }

    private Uni<Resolved> resolve(HttpServerRequest request, boolean write) {
        String ip = clientIp.resolve(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                request.getHeader("X-Forwarded-For"));
        return identities.getDeferredIdentity().map(identity -> {
            if (!identity.isAnonymous()) {
                if (!identity.hasRole("buyer")) {
                    throw new ForbiddenException();
                }
                return new Resolved(CartRef.buyer(identity.getPrincipal().getName()), false, ip, false);
            }
            String token = request.getHeader(TOKEN_HEADER);
            if (token == null || token.isEmpty()) {
                return write ? new Resolved(CartRef.guest(newToken()), false, ip, true)
                        : new Resolved(null, false, ip, false);
            }
            if (!CartKeys.GUEST_TOKEN.matcher(token).matches()) {
                throw new ProblemException.Invalid(TOKEN_HEADER, "must be the 32-character cart token we issued");
            }
            return new Resolved(CartRef.guest(token), true, ip, false);
        });
    }

    static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
