package dev.bazaar.catalog;

import dev.bazaar.devstack.testing.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every test of this module runs against the real test devstack: PostgreSQL, Redis, Kafka, OpenSearch, Keycloak and the
 * S3 API (product media).
 */
@QuarkusTestResource(
        value = DevstackTestResource.class,
        restrictToAnnotatedClass = false,
        initArgs = {
            @ResourceArg(name = "components", value = "postgres,redis,kafka,opensearch,keycloak,s3"),
            @ResourceArg(name = "database", value = "catalog")
        })
public class CatalogDevstack {}
