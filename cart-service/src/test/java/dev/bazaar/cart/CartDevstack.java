package dev.bazaar.cart;

import dev.bazaar.devstack.testing.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the real test devstack: Redis, Kafka and Keycloak. */
@QuarkusTestResource(
        value = DevstackTestResource.class,
        restrictToAnnotatedClass = false,
        initArgs = {@ResourceArg(name = "components", value = "redis,kafka,keycloak")})
public class CartDevstack {}
