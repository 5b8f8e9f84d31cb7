package dev.bazaar.payment;

import dev.bazaar.devstack.testing.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the real test devstack: PostgreSQL, Kafka and Keycloak. */
@QuarkusTestResource(
        value = DevstackTestResource.class,
        restrictToAnnotatedClass = false,
        initArgs = {
            @ResourceArg(name = "components", value = "postgres,kafka,keycloak"),
            @ResourceArg(name = "database", value = "payments")
        })
public class PaymentDevstack {}
