package dev.bazaar.portal;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdToken;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in user of this request: their access token for the services, their name and roles for the pages. */
@RequestScoped
public class Viewer {

    private final SecurityIdentity identity;
    private final AccessTokenCredential accessToken;
    @jakarta.inject.Inject
    @IdToken
    JsonWebToken idToken;

    public Viewer(SecurityIdentity identity, AccessTokenCredential accessToken) {
        this.identity = identity;
        this.accessToken = accessToken;
    }

    public String token() {
        return accessToken.getToken();
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

    /** What the pages show of the user (templates read maps; no reflection). */
    public java.util.Map<String, Object> view() {
        return java.util.Map.of("name", name(), "seller", seller(), "admin", admin());
    }

    /** Pages of the seller area: sellers only; anyone else gets the polite 403 page. */
    public void requireSeller() {
        if (!seller()) {
            throw new Pages.NotAllowed("This part of the portal is for sellers.");
        }
    }

    public void requireAdmin() {
        if (!admin()) {
            throw new Pages.NotAllowed("This part of the portal is for administrators.");
        }
    }
}
