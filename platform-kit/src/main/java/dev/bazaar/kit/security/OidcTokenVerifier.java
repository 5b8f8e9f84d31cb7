package dev.bazaar.kit.security;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place the kit touches Quarkus OIDC's internal identity provider ({@code io.quarkus.oidc.runtime}, not a
 * public API): the full verification of a bearer token (signature against the realm's keys, issuer, audience, expiry).
 * A Quarkus upgrade that moves or changes it breaks this class and cart-service's VerifiedTokenCacheTest, nowhere else.
 */
@ApplicationScoped
@IfBuildProperty(name = "bazaar.security.token-cache.enabled", stringValue = "true", enableIfMissing = true)
public class OidcTokenVerifier {

    private final OidcIdentityProvider oidc;

    public OidcTokenVerifier(OidcIdentityProvider oidc) {
        this.oidc = oidc;
    }

    /** Verifies the token as Quarkus OIDC would without the cache; fails (401) on any invalid token. */
    public Uni<SecurityIdentity> verify(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return oidc.authenticate(request, context);
    }
}
