package dev.bazaar.kit.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.bazaar.kit.config.KitSettings;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies each bearer token once: the identity Quarkus OIDC built for a token (signature, issuer, audience and expiry
 * checked) is kept, keyed by the exact token text, until the token expires or at most {@code ttl-seconds}, so a client
 * sending the same token again skips the RSA check and the claim parsing that otherwise dominate a short request.
 * <p>
 * Nothing about validity changes: only a byte-identical token that already passed OIDC is recognised, never past its
 * {@code exp} (local JWT verification cannot see revocation either way). The reused identity gets the current request's
 * routing context. The cache is a Caffeine cache bounded by {@code max-entries} (least recently used go first), each
 * entry expiring at its own token's {@code exp} (or the ttl, if sooner); eviction is amortised, never a full scan on the
 * event loop. A miss goes to OIDC through {@link OidcTokenVerifier}. Off with {@code bazaar.security.token-cache.enabled=false} (build time).
 */
@ApplicationScoped
@IfBuildProperty(name = "bazaar.security.token-cache.enabled", stringValue = "true", enableIfMissing = true)
public class VerifiedTokenCache implements IdentityProvider<TokenAuthenticationRequest> {

    record Entry(SecurityIdentity identity, long validUntilMillis) {}

    private final OidcTokenVerifier oidc;
    private final Cache<String, Entry> verified;
    private final long ttlMillis;

    public VerifiedTokenCache(OidcTokenVerifier oidc, KitSettings.TokenCache settings) {
        this.oidc = oidc;
        this.ttlMillis = settings.ttlSeconds() * 1000;
        this.verified = Caffeine.newBuilder()
                .maximumSize(settings.maxEntries())
                .expireAfter(Expiry.<String, Entry>creating((token, entry) ->
                        Duration.ofMillis(Math.max(0, entry.validUntilMillis() - System.currentTimeMillis()))))
                .build();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before OIDC's own provider, which it calls on a miss. */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        long now = System.currentTimeMillis();
        Entry hit = token == null ? null : verified.getIfPresent(token);
        if (hit != null && now < hit.validUntilMillis()) {
            return Uni.createFrom().item(forThisRequest(hit.identity(), request));
        }
        return oidc.verify(request, context).invoke(identity -> remember(token, identity, now));
    }

    private void remember(String token, SecurityIdentity identity, long now) {
        if (token == null
                || identity == null
                || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || jwt.getExpirationTime() <= 0) {
            return;
        }
        long until = Math.min(jwt.getExpirationTime() * 1000, now + ttlMillis);
        if (until <= now) {
            return;
        }
        verified.put(token, new Entry(identity, until));
    }

    private static SecurityIdentity forThisRequest(SecurityIdentity cached, TokenAuthenticationRequest request) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (rc == null) {
            return cached;
        }
        return QuarkusSecurityIdentity.builder(cached)
                .addAttribute(RoutingContext.class.getName(), rc)
                .build();
    }

    /** For tests and metrics: the entries held (expired ones may count until Caffeine's next maintenance). */
    public long size() {
        return verified.estimatedSize();
    }

    /** For tests: whether this exact token is remembered as verified and not yet expired. */
    public boolean remembers(String token) {
        Entry hit = verified.getIfPresent(token);
        return hit != null && System.currentTimeMillis() < hit.validUntilMillis();
    }
}
