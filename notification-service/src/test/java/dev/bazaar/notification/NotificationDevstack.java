package dev.bazaar.notification;

import dev.bazaar.devstack.testing.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every test of this module runs against the real test devstack: PostgreSQL, Kafka, Keycloak and the mail server
 * (read with Mailbox), with the services' account allowed to view users (KeycloakViewUsers) and notification's Kafka
 * user granted what it reads (KafkaGrants).
 */
@QuarkusTestResource(
        value = DevstackTestResource.class,
        restrictToAnnotatedClass = false,
        initArgs = {
            @ResourceArg(name = "components", value = "postgres,kafka,keycloak,mail"),
            @ResourceArg(name = "database", value = "notifications")
        })
@QuarkusTestResource(value = KeycloakViewUsers.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaGrants.class, restrictToAnnotatedClass = false)
public class NotificationDevstack {}
