package dev.bazaar.order;

import dev.bazaar.devstack.testing.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the real test devstack: PostgreSQL, MongoDB-wire, Kafka and Keycloak. */
@QuarkusTestResource(
        value = DevstackTestResource.class,
        restrictToAnnotatedClass = false,
        initArgs = {
            @ResourceArg(name = "components", value = "postgres,mongo,kafka,keycloak"),
            @ResourceArg(name = "database", value = "orders")
        })
public class OrderDevstack {}
