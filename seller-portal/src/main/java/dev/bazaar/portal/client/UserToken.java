package dev.bazaar.portal.client;

import io.quarkus.oidc.AccessTokenCredential;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Propagates the signed-in user's own access token (from the code flow, refreshed while the session lasts) as the
 * bearer token of every call: the services decide what the user may see and do, tenancy is theirs, not the portal's.
 * (The token propagation extension's {@code @AccessToken} does the same; its artifact does not resolve for 3.33.2.)
 */
@ApplicationScoped
public class UserToken implements ClientHeadersFactory {

    private final AccessTokenCredential accessToken;

    public UserToken(AccessTokenCredential accessToken) {
        this.accessToken = accessToken;
    }

    @Override
    public MultivaluedMap<String, String> update(
            MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken.getToken());
        return headers;
    }
}
