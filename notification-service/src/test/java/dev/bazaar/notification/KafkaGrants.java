package dev.bazaar.notification;

import dev.bazaar.devstack.KafkaAccess;
import dev.bazaar.devstack.testing.KafkaTopics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;

/**
 * A test fixture on the running test Kafka: grants notification-service's user the ACLs {@link KafkaAccess} gives it
 * now (catalog.product-events and its group since the sellers' product emails, #24) — a devstack whose Kafka was
 * provisioned before that change lacks them until its Kafka restarts. Idempotent. Signs in as the super user.
 */
public class KafkaGrants implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String principal = "User:" + KafkaAccess.user("notification");
        List<AclBinding> ours = KafkaAccess.bindings().stream()
                .filter(b -> b.entry().principal().equals(principal))
                .toList();
        try (Admin admin = Admin.create(KafkaTopics.client(Map.of()))) {
            admin.createAcls(ours).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("granting notification's Kafka ACLs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
        // the grants stay: they are what KafkaAccess says
    }
}
