package dev.bazaar.kit.support;

import dev.bazaar.devstack.testing.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The kit's tests run against the real test devstack: PostgreSQL (database "platform"), Kafka and Redis. */
@QuarkusTestResource(
        value = DevstackTestResource.class,
        restrictToAnnotatedClass = false,
        initArgs = {
            @ResourceArg(name = "components", value = "postgres,kafka,redis"),
            @ResourceArg(name = "database", value = "platform")
        })
public class KitDevstack {}
