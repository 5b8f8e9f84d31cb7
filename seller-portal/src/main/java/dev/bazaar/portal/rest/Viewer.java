package dev.bazaar.portal.rest;

import io.quarkus.oidc.IdToken;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in user of this request: their name and roles for the pages (the REST clients propagate their access
 * token to the services themselves).
 */
@RequestScoped
public class Viewer {

    /** What the pages show of the user. */
    public record Who(String name, boolean seller, boolean admin) {}

    private final SecurityIdentity identity;

    @Inject
    @IdToken
    JsonWebToken idToken;

    public Viewer(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String name() {
        String n = idToken.getClaim("preferred_username");
        return n != null ? n : identity.getPrincipal().getName();
    }

    public boolean seller() {
        return identity.hasRole("seller");
    }

    public boolean admin() {
        return identity.hasRole("admin");
    }

    public Who view() {
        return new Who(name(), seller(), admin());
    }

    /** Pages of the seller area: sellers only; anyone else gets the polite 403 page. */
    public void requireSeller() {
        if (!seller()) {
            throw new Pages.NotAllowed("This part of the portal is for sellers.");
        }
    }

    /** The notification pages (inbox, email preferences): sellers and administrators. */
    public void requireSellerOrAdmin() {
        if (!seller() && !admin()) {
            throw new Pages.NotAllowed("This part of the portal is for sellers and administrators.");
        }
    }

    public void requireAdmin() {
        if (!admin()) {
            throw new Pages.NotAllowed("This part of the portal is for administrators.");
        }
    }
}
