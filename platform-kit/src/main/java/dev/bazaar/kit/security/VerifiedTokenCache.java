package dev.bazaar.kit.security;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies each bearer token once: the identity Quarkus OIDC built for a token (signature, issuer, audience and expiry
 * checked) is kept, keyed by the exact token text, until the token expires or at most {@code ttl-seconds}, so a client
 * sending the same token again skips the RSA check and the claim parsing that otherwise dominate a short request.
 * <p>
 * Nothing about validity changes: only a byte-identical token that already passed OIDC is recognised, never past its
 * {@code exp} (local JWT verification cannot see revocation either way). The reused identity gets the current request's
 * routing context. The cache is bounded; when full, expired entries go first, then everything (it refills from OIDC).
 * Off with {@code bazaar.security.token-cache.enabled=false} (build time).
 */
@ApplicationScoped
@IfBuildProperty(name = "bazaar.security.token-cache.enabled", stringValue = "true", enableIfMissing = true)
public class VerifiedTokenCache implements IdentityProvider<TokenAuthenticationRequest> {

    record Entry(SecurityIdentity identity, long validUntilMillis) {
    }

    private final OidcIdentityProvider oidc;
    private final Map<String, Entry> verified = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long ttlMillis;

    public VerifiedTokenCache(OidcIdentityProvider oidc,
            @ConfigProperty(name = "bazaar.security.token-cache.max-entries", defaultValue = "20000") int maxEntries,
            @ConfigProperty(name = "bazaar.security.token-cache.ttl-seconds", defaultValue = "300") long ttlSeconds) {
        this.oidc = oidc;
        this.maxEntries = maxEntries;
        this.ttlMillis = ttlSeconds * 1000;
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
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        long now = System.currentTimeMillis();
        Entry hit = token == null ? null : verified.get(token);
        if (hit != null) {
            if (now < hit.validUntilMillis()) {
                return Uni.createFrom().item(forThisRequest(hit.identity(), request));
            }
            verified.remove(token, hit);
        }
        return oidc.authenticate(request, context).invoke(identity -> remember(token, identity, now));
    }

    private void remember(String token, SecurityIdentity identity, long now) {
        if (token == null || identity == null || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        long until = Math.min(jwt.getExpirationTime() * 1000, now + ttlMillis);
        if (until <= now) {
            return;
        }
        if (verified.size() >= maxEntries) {
            evict(now);
        }
        verified.put(token, new Entry(identity, until));
    }

    private void evict(long now) {
        for (Iterator<Entry> it = verified.values().iterator(); it.hasNext();) {
            if (it.next().validUntilMillis() <= now) {
                it.remove();
            }
        }
        if (verified.size() >= maxEntries) {
            verified.clear();
        }
    }

    private static SecurityIdentity forThisRequest(SecurityIdentity cached, TokenAuthenticationRequest request) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (rc == null) {
            return cached;
        }
        return QuarkusSecurityIdentity.builder(cached).addAttribute(RoutingContext.class.getName(), rc).build();
    }

    /** For tests and metrics. */
    public int size() {
        return verified.size();
    }
}
