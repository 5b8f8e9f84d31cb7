package dev.bazaar.kit.tenancy;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;

/**
 * Who is calling, for tenancy in queries: the token's subject ({@code sub}; services set
 * {@code quarkus.oidc.token.principal-claim=sub}) and realm roles. A request without a token is a guest.
 */
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;

    public CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isGuest() {
        return identity.isAnonymous();
    }

    /** The subject; never call for a guest. */
    public String subject() {
        if (identity.isAnonymous()) {
            throw new IllegalStateException("a guest has no subject");
        }
        return identity.getPrincipal().getName();
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** The caller as an Idempotency-Key scope: the subject, or "guest". */
    public String scopeName() {
        return isGuest() ? "guest" : "sub:" + identity.getPrincipal().getName();
    }
}
