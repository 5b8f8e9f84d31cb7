package dev.bazaar.review;

import dev.bazaar.devstack.testing.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every Quarkus test of this module runs against the real test devstack: the MongoDB-wire server, Kafka, Keycloak. */
@QuarkusTestResource(
        value = DevstackTestResource.class,
        restrictToAnnotatedClass = false,
        initArgs = {@ResourceArg(name = "components", value = "mongo,kafka,keycloak")})
public class ReviewDevstack {}
