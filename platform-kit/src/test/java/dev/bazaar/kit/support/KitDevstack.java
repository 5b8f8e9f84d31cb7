package dev.bazaar.kit.support;

import dev.bazaar.devstack.testing.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The kit's tests run against the real test devstack: PostgreSQL (database "platform") and Kafka. */
@QuarkusTestResource(value = DevstackTestResource.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "components", value = "postgres,kafka"),
        @ResourceArg(name = "database", value = "platform") })
public class KitDevstack {
}
