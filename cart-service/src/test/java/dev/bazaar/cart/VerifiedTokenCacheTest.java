package dev.bazaar.cart;

import static dev.bazaar.cart.CartTestSupport.cart;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.kit.security.VerifiedTokenCache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The kit's token cache sits in front of Quarkus OIDC's internal provider (through OidcTokenVerifier): a token OIDC
 * accepted is remembered, a refused one never is. Fails when a Quarkus upgrade stops consulting the cache first or
 * breaks the adapter over OIDC's internal class.
 */
@QuarkusTest
class VerifiedTokenCacheTest {

    @Inject
    VerifiedTokenCache cache;

    @Test
    void aTokenOidcAcceptedIsRememberedAndARefusedOneIsNot() {
        String token = KeycloakTokens.user("load030");
        assertThat(cache.remembers(token)).isFalse();
        cart(given().auth().oauth2(token)).statusCode(200);
        assertThat(cache.remembers(token)).isTrue();
        cart(given().auth().oauth2(token)).statusCode(200);

        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        cart(given().auth().oauth2(forged)).statusCode(401);
        assertThat(cache.remembers(forged)).isFalse();
    }
}
