package dev.bazaar.portal;

import dev.bazaar.devstack.testing.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The portal's Quarkus tests need the test devstack's Keycloak (sign-in); the browser tests are in system-tests. */
@QuarkusTestResource(
        value = DevstackTestResource.class,
        restrictToAnnotatedClass = false,
        initArgs = {@ResourceArg(name = "components", value = "keycloak")})
public class PortalDevstack {}
