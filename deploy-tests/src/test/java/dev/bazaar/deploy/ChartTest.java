package dev.bazaar.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.devstack.KafkaAccess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The chart renders with each values set, lints strictly, and every object is valid and follows the platform's rules. */
class ChartTest {

    static final Set<String> SERVICES =
            Set.of("catalog", "cart", "checkout", "order", "payment", "portal", "notification", "review");

    static Stream<List<String>> flavours() {
        return Stream.of(
                List.of(),
                List.of("values-prod.yaml"),
                List.of("values-native.yaml"),
                List.of("values-dev.yaml"),
                List.of("values-prod.yaml", "values-native.yaml"));
    }

    static List<HasMetadata> objects(List<String> values) throws Exception {
        return objects(values, Map.of());
    }

    static List<HasMetadata> objects(List<String> values, Map<String, Object> sets) throws Exception {
        List<HasMetadata> out = new ArrayList<>();
        for (JsonNode doc : Chart.documents(Chart.render(values, sets))) {
            HasMetadata o = Chart.typed(doc);
            assertThat(Chart.unknownFields(o))
                    .as(
                            "fields Kubernetes does not know in %s %s",
                            o.getKind(), o.getMetadata().getName())
                    .isEmpty();
            assertThat(o.getMetadata().getName()).as("every object has a name").isNotBlank();
            out.add(o);
        }
        return out;
    }

    @Test
    void theChartLintsStrictly() {
        var result = new Helm(Chart.CHART).lint().strict().call();
        assertThat(result.isFailed())
                .as(String.join("\n", result.getMessages()))
                .isFalse();
    }

    /**
     * The autoscalers follow docs/capacity-plan.md: every service its table names gets that {@code maxReplicas}, at
     * least two pods and the plan's 70 % CPU target — the plan and the chart cannot drift apart unnoticed.
     */
    @Test
    void theAutoscalersFollowTheCapacityPlan() throws Exception {
        Map<String, Integer> planned = new java.util.TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\w+) \\|.*`maxReplicas: (\\d+)`")
                .matcher(Files.readString(Chart.ROOT.resolve("docs/capacity-plan.md")));
        while (row.find()) {
            planned.put(row.group(1), Integer.parseInt(row.group(2)));
        }
        assertThat(planned).as("services the plan sizes").containsKeys("checkout", "order", "payment", "catalog");
        List<HasMetadata> objects = objects(List.of());
        Map<String, String> serviceOfDeployment = new java.util.HashMap<>();
        of(objects, Deployment.class)
                .forEach(d -> serviceOfDeployment.put(
                        d.getMetadata().getName(), d.getMetadata().getLabels().get("app.kubernetes.io/name")));
        Map<String, HorizontalPodAutoscaler> hpas = new java.util.HashMap<>();
        of(objects, HorizontalPodAutoscaler.class)
                .forEach(h -> hpas.put(
                        serviceOfDeployment.get(h.getSpec().getScaleTargetRef().getName()), h));
        planned.forEach((service, max) -> {
            HorizontalPodAutoscaler h = hpas.get(service);
            assertThat(h).as(service + " has an HPA").isNotNull();
            assertThat(h.getSpec().getMaxReplicas())
                    .as(service + " maxReplicas")
                    .isEqualTo(max);
            assertThat(h.getSpec().getMinReplicas())
                    .as(service + " minReplicas")
                    .isGreaterThanOrEqualTo(2);
            assertThat(h.getSpec()
                            .getMetrics()
                            .getFirst()
                            .getResource()
                            .getTarget()
                            .getAverageUtilization())
                    .as(service + " CPU target")
                    .isEqualTo(70);
        });
    }

    @ParameterizedTest(name = "values {0}")
    @MethodSource("flavours")
    void everyObjectIsValidAndEveryContainerIsLockedDown(List<String> values) throws Exception {
        List<HasMetadata> objects = objects(values);
        List<Deployment> deployments = of(objects, Deployment.class);
        assertThat(deployments.stream().map(d -> d.getMetadata().getLabels().get("app.kubernetes.io/name")))
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        for (Deployment d : deployments) {
            String name = d.getMetadata().getName();
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType())
                    .as(name)
                    .isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
            for (Container c : pod.getContainers()) {
                assertThat(c.getImage()).as(name).isNotBlank();
                assertThat(c.getLivenessProbe().getHttpGet().getPath()).as(name).isEqualTo("/q/health/live");
                assertThat(c.getReadinessProbe().getHttpGet().getPath())
                        .as(name)
                        .isEqualTo("/q/health/ready");
                assertThat(c.getStartupProbe()).as(name + " startup probe").isNotNull();
                assertThat(c.getResources().getLimits()).as(name + " limits").containsKeys("cpu", "memory");
                assertThat(c.getResources().getRequests())
                        .as(name + " requests")
                        .containsKeys("cpu", "memory");
                var sc = c.getSecurityContext();
                assertThat(sc.getReadOnlyRootFilesystem()).as(name).isTrue();
                assertThat(sc.getAllowPrivilegeEscalation()).as(name).isFalse();
                assertThat(sc.getCapabilities().getDrop()).as(name).containsExactly("ALL");
                c.getEnv().stream()
                        .filter(e -> e.getName().matches(".*(PASSWORD|SECRET|API_KEY|_URL)$")
                                && !e.getName().endsWith("SERVER_URL"))
                        .filter(e -> e.getName().contains("PASSWORD")
                                || e.getName().contains("SECRET")
                                || e.getName().contains("API_KEY")
                                || e.getName().equals("MONGODB_URL"))
                        .forEach(e -> assertThat(e.getValueFrom())
                                .as(name + " " + e.getName() + " comes from a Secret")
                                .isNotNull());
            }
            // a PDB and an HPA for every Deployment
            assertThat(of(objects, PodDisruptionBudget.class))
                    .as(name + " has a PDB")
                    .anyMatch(p -> p.getSpec()
                            .getSelector()
                            .getMatchLabels()
                            .equals(d.getSpec().getSelector().getMatchLabels()));
            assertThat(of(objects, HorizontalPodAutoscaler.class))
                    .as(name + " has an HPA")
                    .anyMatch(h -> h.getSpec().getScaleTargetRef().getName().equals(name));
        }
        Pattern secretLooking = Pattern.compile("(?i)(sk_(live|test)_|whsec_|password\\s*[:=]|\"secret\"\\s*:)");
        for (ConfigMap cm : of(objects, ConfigMap.class)) {
            cm.getData().forEach((k, v) -> {
                assertThat(k)
                        .as("a ConfigMap key naming a secret")
                        .doesNotContainPattern("(?i)password|secret|api_key");
                assertThat(v)
                        .as("no secret value in ConfigMap " + cm.getMetadata().getName() + " " + k)
                        .doesNotContainPattern(secretLooking);
            });
        }
        for (Job j : of(objects, Job.class)) {
            for (Container c : j.getSpec().getTemplate().getSpec().getContainers()) {
                assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
                assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
            }
        }
    }

    @Test
    void networkPoliciesDenyByDefaultAndAllowOnlyTheArchitecturesFlows() throws Exception {
        List<NetworkPolicy> policies = of(objects(List.of()), NetworkPolicy.class);
        NetworkPolicy deny = policies.stream()
                .filter(p -> p.getMetadata().getName().endsWith("default-deny"))
                .findFirst()
                .orElseThrow();
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        NetworkPolicy catalog = policies.stream()
                .filter(p -> p.getMetadata().getName().equals("bazaar-catalog"))
                .findFirst()
                .orElseThrow();
        var callers = catalog.getSpec().getIngress().get(0).getFrom().stream()
                .filter(f -> f.getPodSelector() != null && f.getPodSelector().getMatchLabels() != null)
                .map(f -> f.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                .filter(n -> n != null)
                .collect(Collectors.toSet());
        assertThat(callers).as("who may call the catalog").containsExactlyInAnyOrder("cart", "checkout", "portal");
        NetworkPolicy payment = policies.stream()
                .filter(p -> p.getMetadata().getName().equals("bazaar-payment"))
                .findFirst()
                .orElseThrow();
        assertThat(payment.getSpec().getIngress().get(0).getFrom().stream()
                        .filter(f ->
                                f.getPodSelector() != null && f.getPodSelector().getMatchLabels() != null)
                        .map(f -> f.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                        .filter(n -> n != null))
                .as("only the portal calls payment")
                .containsExactly("portal");
        NetworkPolicy checkout = policies.stream()
                .filter(p -> p.getMetadata().getName().equals("bazaar-checkout"))
                .findFirst()
                .orElseThrow();
        assertThat(checkout.getSpec().getIngress().get(0).getFrom().stream()
                        .filter(f ->
                                f.getPodSelector() != null && f.getPodSelector().getMatchLabels() != null)
                        .map(f -> f.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                        .filter(n -> n != null))
                .as(
                        "order-service calls checkout (the shipping address for sellers), the portal its admin audit log and dead"
                                + " letters")
                .containsExactlyInAnyOrder("order", "portal");
        NetworkPolicy notification = policies.stream()
                .filter(p -> p.getMetadata().getName().equals("bazaar-notification"))
                .findFirst()
                .orElseThrow();
        assertThat(notification.getSpec().getIngress().get(0).getFrom().stream()
                        .filter(f ->
                                f.getPodSelector() != null && f.getPodSelector().getMatchLabels() != null)
                        .map(f -> f.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                        .filter(n -> n != null))
                .as("only the portal calls notification (the inbox)")
                .containsExactly("portal");
    }

    /** The ports of a service's egress rules to the stores (not DNS, not the release's own services). */
    static Map<Integer, List<NetworkPolicyPeer>> storeEgress(NetworkPolicy policy) {
        Map<Integer, List<NetworkPolicyPeer>> out = new java.util.TreeMap<>();
        for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
            assertThat(rule.getPorts())
                    .as(
                            "%s: every egress rule names its ports (no whole namespace, no any port)",
                            policy.getMetadata().getName())
                    .isNotEmpty();
            assertThat(rule.getTo()).as(policy.getMetadata().getName()).isNotEmpty();
            boolean dns = rule.getPorts().stream().allMatch(p -> p.getPort().getIntVal() == 53);
            boolean callee = rule.getTo().stream()
                    .allMatch(t -> t.getPodSelector() != null
                            && t.getNamespaceSelector() == null
                            && t.getIpBlock() == null
                            && "bazaar"
                                    .equals(t.getPodSelector().getMatchLabels().get("app.kubernetes.io/instance")));
            if (dns || callee) {
                continue;
            }
            assertThat(rule.getPorts())
                    .as("%s: one store, one port", policy.getMetadata().getName())
                    .hasSize(1);
            assertThat(out.put(rule.getPorts().getFirst().getPort().getIntVal(), rule.getTo()))
                    .as("%s: one rule per store port", policy.getMetadata().getName())
                    .isNull();
        }
        return out;
    }

    static NetworkPolicy policy(List<HasMetadata> objects, String name) {
        return of(objects, NetworkPolicy.class).stream()
                .filter(p -> p.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no NetworkPolicy " + name));
    }

    @Test
    void eachServiceReachesOnlyTheStoresItUsesEachOnItsOwnPort() throws Exception {
        List<HasMetadata> objects = objects(List.of());
        // postgres 5432, redis 6379, kafka 9092, opensearch 9200, mongo 27017, keycloak 8443, stripe 443, smtp 587,
        // s3 443 (catalog's product media)
        Map<String, Set<Integer>> expected = Map.of(
                "catalog", Set.of(5432, 6379, 9092, 9200, 8443, 443),
                "cart", Set.of(6379, 9092, 8443),
                "checkout", Set.of(5432, 6379, 9092, 8443),
                "order", Set.of(5432, 27017, 9092, 8443),
                "payment", Set.of(5432, 9092, 8443, 443),
                "portal", Set.of(8443),
                "notification", Set.of(5432, 9092, 8443, 587),
                "review", Set.of(27017, 9092, 8443));
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
        expected.forEach((service, ports) -> {
            Map<Integer, List<NetworkPolicyPeer>> egress = storeEgress(policy(objects, "bazaar-" + service));
            assertThat(egress.keySet()).as("%s's store ports", service).containsExactlyInAnyOrderElementsOf(ports);
            egress.forEach((port, to) -> {
                if (port == 443 || port == 587) {
                    // Stripe, the SMTP relay and the S3 API: the internet, not the cluster's private ranges
                    assertThat(to).singleElement().satisfies(t -> {
                        assertThat(t.getIpBlock().getCidr()).isEqualTo("0.0.0.0/0");
                        assertThat(t.getIpBlock().getExcept())
                                .contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
                    });
                } else {
                    assertThat(to)
                            .as("%s port %d", service, port)
                            .singleElement()
                            .satisfies(t -> {
                                assertThat(t.getIpBlock()).isNull();
                                assertThat(t.getNamespaceSelector().getMatchLabels())
                                        .containsExactly(Map.entry("kubernetes.io/metadata.name", "bazaar-infra"));
                            });
                }
            });
        });
        assertThat(storeEgress(policy(objects, "bazaar-catalog")).keySet())
                .as("the catalog reaches no MongoDB")
                .doesNotContain(27017);
        assertThat(storeEgress(policy(objects, "bazaar-checkout")).keySet())
                .as("checkout reaches no MongoDB, no OpenSearch")
                .doesNotContain(27017, 9200);
        assertThat(storeEgress(policy(objects, "bazaar-cart")).keySet())
                .as("the cart reaches no PostgreSQL")
                .doesNotContain(5432);
        // the topics Job reaches Kafka only
        assertThat(storeEgress(policy(objects, "bazaar-jobs")).keySet()).containsExactly(9092);

        // stores selected by labels, in another namespace, or outside the cluster; PostgreSQL on its configured port
        List<HasMetadata> configured = objects(
                List.of(),
                Map.of(
                        "networkPolicy.stores.postgres.podSelector.app", "postgresql",
                        "infrastructure.postgres.port", 6432,
                        "networkPolicy.stores.kafka.namespace", "kafka",
                        "networkPolicy.stores.kafka.podSelector.strimzi\\.io/kind", "Kafka",
                        "networkPolicy.stores.keycloak.ipBlock.cidr", "203.0.113.10/32",
                        "networkPolicy.stores.keycloak.port", 443));
        Map<Integer, List<NetworkPolicyPeer>> order = storeEgress(policy(configured, "bazaar-order"));
        assertThat(order.keySet()).containsExactlyInAnyOrder(6432, 27017, 9092, 443);
        assertThat(order.get(6432)).singleElement().satisfies(t -> {
            assertThat(t.getNamespaceSelector().getMatchLabels())
                    .containsEntry("kubernetes.io/metadata.name", "bazaar-infra");
            assertThat(t.getPodSelector().getMatchLabels()).containsExactly(Map.entry("app", "postgresql"));
        });
        assertThat(order.get(9092)).singleElement().satisfies(t -> {
            assertThat(t.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "kafka");
            assertThat(t.getPodSelector().getMatchLabels()).containsExactly(Map.entry("strimzi.io/kind", "Kafka"));
        });
        assertThat(order.get(443))
                .as("Keycloak outside the cluster")
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.getIpBlock().getCidr()).isEqualTo("203.0.113.10/32");
                    assertThat(t.getNamespaceSelector()).isNull();
                    assertThat(t.getPodSelector()).isNull();
                });
        assertThat(storeEgress(policy(configured, "bazaar-jobs")).get(9092))
                .singleElement()
                .satisfies(t -> assertThat(t.getNamespaceSelector().getMatchLabels())
                        .containsEntry("kubernetes.io/metadata.name", "kafka"));
    }

    @Test
    void onlyCatalogReachesTheS3ApiAndReadsItsBucketEndpointAndKey() throws Exception {
        for (var sets : List.<Map<String, Object>>of(
                Map.of(),
                Map.<String, Object>of(
                        "infrastructure.s3.endpoint",
                        "http://minio.bazaar-infra.svc:9000",
                        "infrastructure.s3.pathStyle",
                        true,
                        "infrastructure.s3.existingSecret",
                        "media-key",
                        "networkPolicy.stores.s3.port",
                        9000))) {
            List<HasMetadata> objects = objects(List.of(), sets);
            Map<String, ConfigMap> configs = of(objects, ConfigMap.class).stream()
                    .filter(c -> c.getMetadata().getLabels() != null
                            && c.getMetadata().getLabels().containsKey("app.kubernetes.io/name"))
                    .collect(Collectors.toMap(c -> c.getMetadata().getLabels().get("app.kubernetes.io/name"), c -> c));
            Map<String, String> catalog = configs.get("catalog").getData();
            assertThat(catalog)
                    .containsEntry("S3_BUCKET", "bazaar-media")
                    .containsEntry("S3_REGION", "us-east-1")
                    .containsEntry("MEDIA_PUBLIC_BASE_URL", "https://media.bazaar.example.com");
            configs.forEach((service, c) -> {
                if (!service.equals("catalog")) {
                    assertThat(c.getData().keySet())
                            .as(service)
                            .noneMatch(k -> k.startsWith("S3_") || k.equals("MEDIA_PUBLIC_BASE_URL"));
                }
            });
            Map<String, EnvVar> env = env(deployments(objects).get("catalog"));
            if (sets.isEmpty()) {
                assertThat(catalog)
                        .containsEntry("S3_ENDPOINT", "")
                        .containsEntry("S3_PATH_STYLE", "false")
                        .containsEntry("S3_CREDENTIALS_TYPE", "default");
                assertThat(env.keySet())
                        .as("no key unless a Secret is named: the pod's role")
                        .doesNotContain("S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY");
            } else {
                assertThat(catalog)
                        .containsEntry("S3_ENDPOINT", "http://minio.bazaar-infra.svc:9000")
                        .containsEntry("S3_PATH_STYLE", "true")
                        .containsEntry("S3_CREDENTIALS_TYPE", "static");
                assertThat(secretOf(env.get("S3_ACCESS_KEY_ID"))).isEqualTo("media-key/access-key-id");
                assertThat(secretOf(env.get("S3_SECRET_ACCESS_KEY"))).isEqualTo("media-key/secret-access-key");
                assertThat(storeEgress(policy(objects, "bazaar-catalog")).keySet())
                        .contains(9000);
            }
            deployments(objects)
                    .forEach((service, d) -> assertThat(env(d).containsKey("S3_ACCESS_KEY_ID"))
                            .as(service)
                            .isEqualTo(service.equals("catalog") && !sets.isEmpty()));
        }
        // … and catalog reads exactly those variables in production
        assertThat(Chart.settings("catalog"))
                .contains(
                        "%prod.bazaar.s3.bucket=${S3_BUCKET}",
                        "%prod.bazaar.s3.public-base-url=${MEDIA_PUBLIC_BASE_URL}",
                        "%prod.quarkus.s3.endpoint-override=${S3_ENDPOINT:}",
                        "%prod.quarkus.s3.path-style-access=${S3_PATH_STYLE:false}",
                        "%prod.quarkus.s3.aws.region=${S3_REGION:us-east-1}",
                        "%prod.quarkus.s3.aws.credentials.type=${S3_CREDENTIALS_TYPE:default}",
                        "%prod.quarkus.s3.aws.credentials.static-provider.access-key-id=${S3_ACCESS_KEY_ID:}",
                        "%prod.quarkus.s3.aws.credentials.static-provider.secret-access-key=${S3_SECRET_ACCESS_KEY:}");
    }

    @Test
    void onlyNotificationReachesTheSmtpRelayOnItsPortAndReadsItsSettings() throws Exception {
        for (var sets : List.<Map<String, Object>>of(
                Map.of(),
                Map.<String, Object>of(
                        "networkPolicy.stores.smtp.port",
                        465,
                        "infrastructure.smtp.port",
                        465,
                        "infrastructure.smtp.tls",
                        true,
                        "infrastructure.smtp.existingSecret",
                        "mail-relay"))) {
            int port = sets.isEmpty() ? 587 : 465;
            List<HasMetadata> objects = objects(List.of(), sets);
            for (String service : SERVICES) {
                Set<Integer> ports =
                        storeEgress(policy(objects, "bazaar-" + service)).keySet();
                if (service.equals("notification")) {
                    assertThat(ports)
                            .as("notification reaches SMTP on %d only", port)
                            .contains(port)
                            .doesNotContain(sets.isEmpty() ? 465 : 587, 25, 2525);
                } else {
                    assertThat(ports).as("%s reaches no SMTP relay", service).doesNotContain(587, 465, 25);
                }
            }
            assertThat(storeEgress(policy(objects, "bazaar-notification")).get(port))
                    .singleElement()
                    .satisfies(t -> assertThat(t.getIpBlock().getExcept()).contains("10.0.0.0/8"));

            Map<String, ConfigMap> configs = of(objects, ConfigMap.class).stream()
                    .filter(c -> c.getMetadata().getLabels() != null
                            && c.getMetadata().getLabels().containsKey("app.kubernetes.io/name"))
                    .collect(Collectors.toMap(c -> c.getMetadata().getLabels().get("app.kubernetes.io/name"), c -> c));
            Map<String, String> notification = configs.get("notification").getData();
            assertThat(notification)
                    .containsEntry("SMTP_HOST", "smtp.example.com")
                    .containsEntry("SMTP_PORT", String.valueOf(port))
                    .containsEntry("SMTP_START_TLS", "REQUIRED")
                    .containsEntry("MAIL_FROM", "Bazaar <no-reply@bazaar.example.com>")
                    .containsEntry("KEYCLOAK_URL", "https://auth.example.com")
                    .containsEntry("PORTAL_PUBLIC_URL", "https://sellers.bazaar.example.com")
                    .containsEntry("BUYER_APP_URL", "https://bazaar.example.com")
                    .containsEntry("API_PUBLIC_URL", "https://bazaar.example.com")
                    .containsEntry("DB_NAME", "notifications");
            configs.forEach((service, c) -> {
                if (!service.equals("notification")) {
                    assertThat(c.getData().keySet())
                            .as(service)
                            .noneMatch(k -> k.startsWith("SMTP_") || k.equals("MAIL_FROM"));
                }
                // Keycloak's admin API: notification reads recipients, catalog grants the seller role
                assertThat(c.getData().containsKey("KEYCLOAK_URL"))
                        .as(service)
                        .isEqualTo(service.equals("notification") || service.equals("catalog"));
            });
            assertThat(configs.get("catalog").getData()).containsEntry("KEYCLOAK_URL", "https://auth.example.com");
            // bazaar-onboarding's own secret, only for catalog (ADR 0024)
            assertThat(secretOf(env(deployments(objects).get("catalog")).get("ONBOARDING_CLIENT_SECRET")))
                    .isEqualTo("bazaar-oidc/onboarding-client-secret");
            deployments(objects)
                    .forEach((service, d) -> assertThat(env(d).containsKey("ONBOARDING_CLIENT_SECRET"))
                            .as(service)
                            .isEqualTo(service.equals("catalog")));
            Map<String, EnvVar> env = env(deployments(objects).get("notification"));
            // the services' client secret for Keycloak's admin API, though notification calls no service
            assertThat(secretOf(env.get("OIDC_CLIENT_SECRET"))).isEqualTo("bazaar-oidc/services-client-secret");
            // the key that signs one-click unsubscribe links, only for notification
            assertThat(secretOf(env.get("UNSUBSCRIBE_SECRET"))).isEqualTo("bazaar-notifications/unsubscribe-secret");
            deployments(objects)
                    .forEach((service, d) -> assertThat(env(d).containsKey("UNSUBSCRIBE_SECRET"))
                            .as(service)
                            .isEqualTo(service.equals("notification")));
            if (sets.isEmpty()) {
                assertThat(env.keySet())
                        .as("no SMTP credentials unless a Secret is named")
                        .doesNotContain("SMTP_USERNAME", "SMTP_PASSWORD");
                assertThat(notification)
                        .containsEntry("SMTP_LOGIN", "DISABLED")
                        .doesNotContainKey("QUARKUS_MAILER_TLS");
            } else {
                assertThat(secretOf(env.get("SMTP_USERNAME"))).isEqualTo("mail-relay/username");
                assertThat(secretOf(env.get("SMTP_PASSWORD"))).isEqualTo("mail-relay/password");
                assertThat(notification)
                        .containsEntry("SMTP_LOGIN", "REQUIRED")
                        .containsEntry("QUARKUS_MAILER_TLS", "true");
            }
        }
        // … and notification reads exactly those variables in production
        assertThat(Chart.settings("notification"))
                .contains(
                        "%prod.quarkus.mailer.host=${SMTP_HOST}",
                        "%prod.quarkus.mailer.port=${SMTP_PORT}",
                        "%prod.quarkus.mailer.username=${SMTP_USERNAME:}",
                        "%prod.quarkus.mailer.password=${SMTP_PASSWORD:}",
                        "%prod.quarkus.mailer.start-tls=${SMTP_START_TLS:REQUIRED}",
                        "%prod.quarkus.mailer.login=${SMTP_LOGIN:NONE}",
                        "%prod.bazaar.notifications.from=${MAIL_FROM}",
                        "%prod.bazaar.keycloak.url=${KEYCLOAK_URL}",
                        "%prod.quarkus.oidc-client.credentials.secret=${OIDC_CLIENT_SECRET}",
                        "%prod.bazaar.notifications.portal-url=${PORTAL_PUBLIC_URL}",
                        "%prod.bazaar.notifications.buyer-app-url=${BUYER_APP_URL}",
                        "%prod.bazaar.notifications.api-url=${API_PUBLIC_URL}",
                        "%prod.bazaar.notifications.unsubscribe-secret=${UNSUBSCRIBE_SECRET}")
                .noneMatch(l -> l.startsWith("%prod.quarkus.mailer.tls="));
        // … and catalog reads its Keycloak variables and its own client's secret
        assertThat(Chart.settings("catalog"))
                .contains(
                        "%prod.bazaar.keycloak.url=${KEYCLOAK_URL}",
                        "%prod.bazaar.keycloak.realm=${KEYCLOAK_REALM:bazaar}",
                        "%prod.quarkus.oidc-client.onboarding.credentials.secret=${ONBOARDING_CLIENT_SECRET}");
    }

    static Map<String, EnvVar> env(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    static String secretOf(EnvVar e) {
        assertThat(e.getValueFrom()).as(e.getName() + " comes from a Secret").isNotNull();
        return e.getValueFrom().getSecretKeyRef().getName() + "/"
                + e.getValueFrom().getSecretKeyRef().getKey();
    }

    static Map<String, Deployment> deployments(List<HasMetadata> objects) {
        return of(objects, Deployment.class).stream()
                .collect(Collectors.toMap(d -> d.getMetadata().getLabels().get("app.kubernetes.io/name"), d -> d));
    }

    @ParameterizedTest(name = "values {0}")
    @MethodSource("flavours")
    void eachServiceSignsInToPostgresWithItsOwnRole(List<String> values) throws Exception {
        Map<String, Deployment> deployments = deployments(objects(values));
        Set<String> withDatabase = Set.of("catalog", "checkout", "order", "payment", "notification");
        Set<String> secrets = new java.util.HashSet<>();
        deployments.forEach((service, d) -> {
            Map<String, EnvVar> env = env(d);
            if (withDatabase.contains(service)) {
                assertThat(secretOf(env.get("DB_USER")))
                        .as(service)
                        .isEqualTo("bazaar-postgres-" + service + "/username");
                assertThat(secretOf(env.get("DB_PASSWORD")))
                        .as(service)
                        .isEqualTo("bazaar-postgres-" + service + "/password");
                secrets.add(env.get("DB_USER").getValueFrom().getSecretKeyRef().getName());
            } else {
                assertThat(env.keySet()).as(service + " has no database").noneMatch(k -> k.startsWith("DB_"));
            }
        });
        assertThat(secrets).as("no two services share a database role").hasSize(withDatabase.size());

        // a service's Secret can be named in values
        Map<String, Deployment> renamed =
                deployments(objects(values, Map.of("services.order.databaseSecret", "orders-db-role")));
        assertThat(secretOf(env(renamed.get("order")).get("DB_PASSWORD"))).isEqualTo("orders-db-role/password");
        assertThat(secretOf(env(renamed.get("payment")).get("DB_PASSWORD")))
                .isEqualTo("bazaar-postgres-payment/password");
    }

    @Test
    void everyPublicServiceTrustsOnlyTheConfiguredProxiesAndAnswersTheSameCors() throws Exception {
        Set<String> publicServices =
                Set.of("catalog", "cart", "checkout", "order", "payment", "notification", "review");
        for (var sets : List.<Map<String, Object>>of(
                Map.of(),
                Map.<String, Object>of(
                        "ingress.trustedProxies[0]", "10.1.2.3/32", "ingress.trustedProxies[1]", "10.1.2.4/32"))) {
            Map<String, ConfigMap> configs = of(objects(List.of("values-prod.yaml"), sets), ConfigMap.class).stream()
                    .filter(c -> c.getMetadata().getLabels() != null
                            && c.getMetadata().getLabels().containsKey("app.kubernetes.io/name"))
                    .collect(Collectors.toMap(c -> c.getMetadata().getLabels().get("app.kubernetes.io/name"), c -> c));
            String trusted = sets.isEmpty() ? "" : "10.1.2.3/32,10.1.2.4/32";
            for (String service : publicServices) {
                assertThat(configs.get(service).getData())
                        .as(service)
                        .containsEntry("TRUSTED_PROXIES", trusted)
                        .containsEntry("CORS_ORIGINS", "https://bazaar.example.com");
            }
            assertThat(configs.get("portal").getData()).doesNotContainKeys("TRUSTED_PROXIES", "CORS_ORIGINS");
        }
        // and every public service reads them the same way
        for (String service : publicServices) {
            String props = String.join("\n", Chart.settings(service));
            assertThat(props)
                    .as(service)
                    .contains(
                            "%prod.quarkus.http.cors.origins=${CORS_ORIGINS}",
                            "quarkus.http.cors.exposed-headers=X-Cart-Token,Location,Retry-After");
        }
        for (String service : List.of("catalog", "cart")) { // the services that limit per client IP
            assertThat(java.nio.file.Files.readString(
                            Chart.ROOT.resolve(service + "-service/src/main/resources/application.properties")))
                    .contains("%prod.bazaar.kit.trusted-proxies=${TRUSTED_PROXIES:}");
        }
    }

    @Test
    void paymentKnowsThePortalsPublicUrlAndRunsTheSandboxOnlyWhereAllowed() throws Exception {
        for (String values : List.of("values-prod.yaml", "values-dev.yaml", "")) {
            Map<String, String> payment =
                    of(objects(values.isEmpty() ? List.of() : List.of(values)), ConfigMap.class).stream()
                            .filter(c -> c.getMetadata().getLabels() != null
                                    && "payment"
                                            .equals(c.getMetadata().getLabels().get("app.kubernetes.io/name")))
                            .findFirst()
                            .orElseThrow()
                            .getData();
            switch (values) {
                case "values-prod.yaml" ->
                    assertThat(payment)
                            .containsEntry("BAZAAR_PAYMENTS_PROVIDER", "stripe")
                            .containsEntry("PORTAL_PUBLIC_URL", "https://sellers.bazaar.example.com")
                            .doesNotContainKey("BAZAAR_ALLOW_SANDBOX_PAYMENTS");
                case "values-dev.yaml" ->
                    assertThat(payment)
                            .containsEntry("BAZAAR_PAYMENTS_PROVIDER", "sandbox")
                            .containsEntry("BAZAAR_ALLOW_SANDBOX_PAYMENTS", "true")
                            .containsEntry("PORTAL_PUBLIC_URL", "https://sellers.localtest.me");
                default ->
                    assertThat(payment)
                            .as("the default: sandbox, so payment refuses to start in production")
                            .containsEntry("BAZAAR_PAYMENTS_PROVIDER", "sandbox")
                            .doesNotContainKey("BAZAAR_ALLOW_SANDBOX_PAYMENTS");
            }
        }
    }

    @Test
    void eachServiceSignsInToKafkaAsItsOwnUser() throws Exception {
        List<HasMetadata> objects = objects(List.of("values-prod.yaml"));
        Map<String, Deployment> deployments = deployments(objects);
        Map<String, ConfigMap> configs = of(objects, ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getLabels() != null
                        && c.getMetadata().getLabels().containsKey("app.kubernetes.io/name"))
                .collect(Collectors.toMap(c -> c.getMetadata().getLabels().get("app.kubernetes.io/name"), c -> c));
        Set<String> kafka = Set.of("catalog", "cart", "checkout", "order", "payment", "notification", "review");
        deployments.forEach((service, d) -> {
            Map<String, EnvVar> env = env(d);
            if (kafka.contains(service)) {
                assertThat(secretOf(env.get("KAFKA_SASL_USERNAME"))).isEqualTo("bazaar-kafka-" + service + "/username");
                assertThat(secretOf(env.get("KAFKA_SASL_PASSWORD"))).isEqualTo("bazaar-kafka-" + service + "/password");
                assertThat(configs.get(service).getData())
                        .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                        .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
            } else {
                assertThat(env.keySet()).as(service).noneMatch(k -> k.startsWith("KAFKA_"));
            }
        });
        // … and every Kafka service reads those settings in production (and ignores them over PLAINTEXT); elsewhere it
        // signs in to the devstack's Kafka as its own user (KafkaAccess) unless the same variables say otherwise
        for (String service : kafka) {
            assertThat(Chart.settings(service))
                    .as(service)
                    .contains(
                            "%prod.kafka.security.protocol=${KAFKA_SECURITY_PROTOCOL:PLAINTEXT}",
                            "kafka.sasl.mechanism=${KAFKA_SASL_MECHANISM:SCRAM-SHA-512}",
                            "%prod.kafka.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required "
                                    + "username=\"${KAFKA_SASL_USERNAME:}\" password=\"${KAFKA_SASL_PASSWORD:}\";",
                            "kafka.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required "
                                    + "username=\"${KAFKA_SASL_USERNAME:" + KafkaAccess.user(service) + "}\" "
                                    + "password=\"${KAFKA_SASL_PASSWORD:"
                                    + KafkaAccess.password(KafkaAccess.user(service))
                                    + "}\";");
        }
        // the dev cluster speaks PLAINTEXT: no users, no ACLs
        List<HasMetadata> dev = objects(List.of("values-dev.yaml"));
        deployments(dev)
                .forEach((service, d) ->
                        assertThat(env(d).keySet()).as(service).noneMatch(k -> k.startsWith("KAFKA_SASL")));
        of(dev, ConfigMap.class).stream()
                .filter(c -> c.getData().containsKey("KAFKA_BOOTSTRAP_SERVERS"))
                .forEach(c -> assertThat(c.getData())
                        .containsEntry("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT")
                        .doesNotContainKey("KAFKA_SASL_MECHANISM"));
        String devScript = String.join(
                " ",
                of(dev, Job.class)
                        .getFirst()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getArgs());
        assertThat(devScript).contains("kafka-topics.sh").doesNotContain("kafka-acls.sh", "--command-config");
    }

    @Test
    void theDevstacksKafkaGrantsEachServiceTheSameAclsAsProduction() throws Exception {
        String script = String.join(
                "\n",
                of(objects(List.of()), Job.class)
                        .getFirst()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getArgs());
        Map<String, Set<Chart.Grant>> production = Chart.acls(script);
        Map<String, Set<Chart.Grant>> devstack = new java.util.TreeMap<>();
        for (AclBinding b : KafkaAccess.bindings()) {
            assertThat(b.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
            assertThat(b.pattern().patternType()).as("literal names only").isEqualTo(PatternType.LITERAL);
            String service = b.entry().principal().replaceFirst("^User:bazaar-", "");
            String op = b.entry().operation().name();
            devstack.computeIfAbsent(service, k -> new java.util.HashSet<>())
                    .add(new Chart.Grant(
                            op.charAt(0) + op.substring(1).toLowerCase(java.util.Locale.ROOT),
                            b.pattern().resourceType().name().toLowerCase(java.util.Locale.ROOT),
                            b.pattern().name()));
        }
        assertThat(devstack.keySet()).containsExactlyInAnyOrderElementsOf(production.keySet());
        devstack.forEach((service, grants) -> assertThat(grants)
                .as("%s's ACLs on the devstack", service)
                .containsExactlyInAnyOrderElementsOf(production.get(service)));
    }

    @Test
    void theKafkaAclsGrantEachServiceExactlyWhatItsConfigurationAndCodeUse() throws Exception {
        List<HasMetadata> objects = objects(List.of());
        Job job = of(objects, Job.class).getFirst();
        Container container =
                job.getSpec().getTemplate().getSpec().getContainers().getFirst();
        String script = String.join("\n", container.getArgs());
        Map<String, Set<Chart.Grant>> acls = Chart.acls(script);
        Set<String> kafka = Set.of("catalog", "cart", "checkout", "order", "payment", "notification", "review");
        assertThat(acls.keySet()).as("services granted ACLs").containsExactlyInAnyOrderElementsOf(kafka);

        // where the kit's DeadLetters reads a DLQ from: one replay consumer group per service and DLQ, named after
        // the service's quarkus.application.name
        String deadLetters = java.nio.file.Files.readString(
                Chart.ROOT.resolve("platform-kit/src/main/java/dev/bazaar/kit/consumer/DeadLetters.java"));
        var replayGroup = Pattern.compile("static String group\\(String service, String dlq\\) \\{\\s*"
                        + "return \"([^\"]+)\" \\+ service \\+ \"([^\"]+)\" \\+ dlq;")
                .matcher(deadLetters);
        assertThat(replayGroup.find())
                .as("DeadLetters.group(service, dlq) is \"<prefix>\" + service + \"<sep>\" + dlq")
                .isTrue();
        String replayPrefix = replayGroup.group(1);
        String replaySeparator = replayGroup.group(2);
        assertThat(replayPrefix + "payment-service" + replaySeparator + "payment.commands.dlq")
                .isEqualTo("bazaar.dlq-replay.payment-service.payment.commands.dlq");

        Map<String, Deployment> deployments = deployments(objects);
        Map<String, EnvVar> jobEnv = container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        for (String service : kafka) {
            Chart.Incoming in = Chart.incoming(service);
            Set<String> published = Chart.publishedBy(service);
            String application = Chart.applicationName(service);
            assertThat(in.topics()).as(service + " consumes").isNotEmpty();
            assertThat(in.deadLetterTopics())
                    .as(service + ": every consumed topic dead-letters to <topic>.dlq")
                    .containsExactlyInAnyOrderElementsOf(
                            in.topics().stream().map(t -> t + ".dlq").toList());
            Set<Chart.Grant> expected = new java.util.HashSet<>();
            for (String t : published) {
                expected.add(new Chart.Grant("Write", "topic", t));
                expected.add(new Chart.Grant("Describe", "topic", t));
            }
            for (String t : in.topics()) {
                expected.add(new Chart.Grant("Read", "topic", t));
                expected.add(new Chart.Grant("Describe", "topic", t));
            }
            for (String dlq : in.deadLetterTopics()) {
                expected.add(new Chart.Grant("Write", "topic", dlq));
                expected.add(new Chart.Grant("Read", "topic", dlq));
                expected.add(new Chart.Grant("Describe", "topic", dlq));
                expected.add(new Chart.Grant("Read", "group", replayPrefix + application + replaySeparator + dlq));
            }
            for (String g : in.groups()) {
                expected.add(new Chart.Grant("Read", "group", g));
            }
            assertThat(acls.get(service)).as("%s's ACLs", service).containsExactlyInAnyOrderElementsOf(expected);

            // no WRITE on a topic it does not own, except the dead-letter topics of what it consumes
            acls.get(service).stream()
                    .filter(g -> g.operation().equals("Write"))
                    .forEach(g -> assertThat(Topic.byName(g.name())
                                            .map(Topic::producer)
                                            .orElse("")
                                            .equals(service)
                                    || g.name().endsWith(".dlq")
                                            && in.topics().contains(g.name().replaceFirst("\\.dlq$", "")))
                            .as("%s may write %s", service, g.name())
                            .isTrue());
            // the principal is the user name in the Secret the service signs in with
            assertThat(secretOf(jobEnv.get("KAFKA_USER_" + service.toUpperCase(java.util.Locale.ROOT))))
                    .isEqualTo(secretOf(env(deployments.get(service)).get("KAFKA_SASL_USERNAME")))
                    .isEqualTo("bazaar-kafka-" + service + "/username");
        }
        // what the code publishes is what contracts' Topic says each topic's producer is
        for (Topic t : Topic.values()) {
            Set<String> publishers = new java.util.TreeSet<>();
            for (String service : kafka) {
                if (Chart.publishedBy(service).contains(t.topicName())) {
                    publishers.add(service);
                }
            }
            assertThat(publishers).as("who publishes %s", t.topicName()).containsExactly(t.producer());
        }
        assertThat(Chart.publishedBy("cart")).as("the cart publishes nothing").isEmpty();
        assertThat(acls.get("cart"))
                .as("the cart may not write order events")
                .doesNotContain(new Chart.Grant("Write", "topic", "order.events"))
                .noneMatch(g -> g.operation().equals("Write") && !g.name().endsWith(".dlq"));
        assertThat(acls.get("checkout"))
                .filteredOn(g -> g.operation().equals("Write") && !g.name().endsWith(".dlq"))
                .extracting(Chart.Grant::name)
                .containsExactlyInAnyOrder(
                        "inventory.commands", "payment.commands", "order.commands", "checkout.events");
        // the Job signs in as the admin for topics and ACLs
        assertThat(script)
                .contains("--command-config /tmp/admin.properties")
                .contains("kafka-acls.sh --bootstrap-server \"$BOOTSTRAP\" $CONFIG --add");
        assertThat(secretOf(jobEnv.get("KAFKA_ADMIN_PASSWORD"))).isEqualTo("bazaar-kafka-admin/password");
    }

    @Test
    void theIngressRoutesEachApiPrefixToItsServiceAndThePortal() throws Exception {
        Ingress ingress = of(objects(List.of()), Ingress.class).getFirst();
        Map<String, String> routes = ingress.getSpec().getRules().stream()
                .flatMap(r -> r.getHttp().getPaths().stream()
                        .map(p -> Map.entry(
                                r.getHost() + p.getPath(),
                                p.getBackend().getService().getName())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(routes)
                .containsEntry("bazaar.example.com/api/v1/products", "bazaar-catalog")
                .containsEntry("bazaar.example.com/api/v1/cart", "bazaar-cart")
                .containsEntry("bazaar.example.com/api/v1/checkouts", "bazaar-checkout")
                .containsEntry("bazaar.example.com/api/v1/orders", "bazaar-order")
                .containsEntry("bazaar.example.com/api/v1/carriers", "bazaar-order")
                .containsEntry("bazaar.example.com/api/v1/payments", "bazaar-payment")
                .containsEntry("bazaar.example.com/api/v1/notifications", "bazaar-notification")
                .containsEntry("bazaar.example.com/api/v1/unsubscribe", "bazaar-notification")
                .containsEntry("sellers.bazaar.example.com/", "bazaar-portal");
        assertThat(of(objects(List.of("values-prod.yaml")), Ingress.class)
                        .getFirst()
                        .getSpec()
                        .getTls())
                .as("prod has TLS")
                .hasSize(1);
    }

    /**
     * Where ingress-nginx sends {@code path} on {@code host}: with {@code use-regex} every path of the host is a
     * case-insensitive regular expression anchored at its start, tried longest first, the first match winning;
     * without it, the longest Prefix (by whole path elements) wins. Null: no route.
     */
    static String route(Ingress ingress, String host, String path) {
        boolean regex = "true"
                .equals(
                        ingress.getMetadata().getAnnotations() == null
                                ? null
                                : ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/use-regex"));
        var paths = ingress.getSpec().getRules().stream()
                .filter(r -> host.equals(r.getHost()))
                .flatMap(r -> r.getHttp().getPaths().stream())
                .sorted(java.util.Comparator.comparingInt(
                                (io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath p) ->
                                        p.getPath().length())
                        .reversed())
                .toList();
        for (var p : paths) {
            boolean matches = regex
                    ? Pattern.compile("^" + p.getPath(), Pattern.CASE_INSENSITIVE)
                            .matcher(path)
                            .lookingAt()
                    : "Prefix".equals(p.getPathType())
                            && (p.getPath().equals("/")
                                    || path.equals(p.getPath())
                                    || path.startsWith(p.getPath().endsWith("/") ? p.getPath() : p.getPath() + "/"));
            if (matches) {
                return p.getBackend().getService().getName();
            }
        }
        return null;
    }

    @Test
    void reviewsPublicReadsUnderCatalogsPrefixesGoToReviewAndEverythingElseWhereItWent() throws Exception {
        for (String values : List.of("", "values-dev.yaml", "values-prod.yaml")) {
            Ingress ingress = of(objects(values.isEmpty() ? List.of() : List.of(values)), Ingress.class)
                    .getFirst();
            String host = ingress.getSpec().getRules().getFirst().getHost();
            assertThat(ingress.getMetadata().getAnnotations())
                    .as(values)
                    .containsEntry("nginx.ingress.kubernetes.io/use-regex", "true");
            assertThat(ingress.getSpec().getRules().stream()
                            .flatMap(r -> r.getHttp().getPaths().stream())
                            .filter(p -> "ImplementationSpecific".equals(p.getPathType()))
                            .map(p -> p.getPath()))
                    .as("the regular expressions are review's reads only")
                    .containsExactlyInAnyOrder(
                            "/api/v1/products/[^/]+/(reviews|rating)$", "/api/v1/shops/[^/]+/(reviews|rating)$");
            String id = "6f1c2b1e-3d4a-4c8b-9e2f-1a2b3c4d5e6f";
            Map<String, String> expected = new java.util.LinkedHashMap<>();
            for (String read : List.of("reviews", "rating")) {
                expected.put("/api/v1/products/" + id + "/" + read, "bazaar-review");
                expected.put("/api/v1/shops/" + id + "/" + read, "bazaar-review");
            }
            expected.put("/api/v1/reviews", "bazaar-review");
            expected.put("/api/v1/reviews/" + id, "bazaar-review");
            expected.put("/api/v1/reviews/" + id + "/helpful", "bazaar-review");
            expected.put("/api/v1/seller/reviews", "bazaar-review");
            expected.put("/api/v1/seller/reviews/" + id + "/reply", "bazaar-review");
            expected.put("/api/v1/admin/reviews", "bazaar-review");
            expected.put("/api/v1/admin/reviews/" + id + "/approve", "bazaar-review");
            // catalog keeps the rest of its prefixes, a product called "reviews" included
            expected.put("/api/v1/products", "bazaar-catalog");
            expected.put("/api/v1/products/" + id, "bazaar-catalog");
            expected.put("/api/v1/products/suggest", "bazaar-catalog");
            expected.put("/api/v1/products/reviews", "bazaar-catalog");
            expected.put("/api/v1/products/" + id + "/reviews-archive", "bazaar-catalog");
            expected.put("/api/v1/shops/bobs-kitchen", "bazaar-catalog");
            expected.put("/api/v1/seller/products", "bazaar-catalog");
            expected.put("/api/v1/seller/shop", "bazaar-catalog");
            expected.put("/api/v1/admin/products", "bazaar-catalog");
            expected.put("/api/v1/seller/orders", "bazaar-order");
            expected.put("/api/v1/admin/notifications", "bazaar-notification");
            expected.put("/api/v1/cart", "bazaar-cart");
            expected.forEach((path, service) -> assertThat(route(ingress, host, path))
                    .as("%s %s", values, path)
                    .isEqualTo(service));
            assertThat(route(ingress, host, "/q/metrics"))
                    .as("nothing else is on the API host")
                    .isNull();
        }
    }

    @Test
    void theTopicsJobCreatesEveryContractTopicAndItsDeadLetters() throws Exception {
        Job job = of(objects(List.of()), Job.class).getFirst();
        String script = String.join(
                " ",
                job.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs());
        Set<String> created = Arrays.stream(
                        script.split("for t in ")[1].split(";")[0].trim().split("\\s+"))
                .collect(Collectors.toSet());
        assertThat(created).containsExactlyInAnyOrderElementsOf(Topic.allTopicNames());
    }

    @Test
    void theProductionRealmHasNoPeopleNoPasswordGrantsAndEveryClientAndRoleTheServicesRelyOn() throws Exception {
        ConfigMap realm = of(objects(List.of("values-prod.yaml")), ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().endsWith("-realm"))
                .findFirst()
                .orElseThrow();
        JsonNode json = Chart.STRICT.readTree(realm.getData().get("bazaar-realm.json"));
        json.get("clients")
                .forEach(c -> assertThat(c.get("directAccessGrantsEnabled").asBoolean())
                        .as(c.get("clientId").asText())
                        .isFalse());
        // the only user is a client's service account: no person is imported with the realm
        json.get("users")
                .forEach(u -> assertThat(u.hasNonNull("serviceAccountClientId"))
                        .as(u.get("username").asText())
                        .isTrue());

        java.util.Set<String> roles = new java.util.HashSet<>();
        json.get("roles").get("realm").forEach(r -> roles.add(r.get("name").asText()));
        java.util.Map<String, JsonNode> clients = new java.util.HashMap<>();
        json.get("clients").forEach(c -> clients.put(c.get("clientId").asText(), c));
        // every role a service's endpoint requires exists …
        java.util.Set<String> required = Chart.rolesAllowedInServices();
        assertThat(roles).as("realm roles").containsAll(required);
        // … every client a service signs in with exists, and every client puts the bazaar-api audience in its tokens
        assertThat(clients.keySet()).containsAll(Chart.clientIdsInServices());
        clients.forEach((id, c) -> assertThat(c.get("protocolMappers").toString())
                .as(id)
                .contains("\"included.custom.audience\":\"bazaar-api\""));
        // … and the service-to-service client's account holds the `service` role the internal endpoints require
        assertThat(required).contains("service");
        assertThat(clients.get("bazaar-services").get("serviceAccountsEnabled").asBoolean())
                .isTrue();
        JsonNode account = java.util.stream.StreamSupport.stream(
                        json.get("users").spliterator(), false)
                .filter(u -> "bazaar-services"
                        .equals(u.path("serviceAccountClientId").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no service account for bazaar-services in the realm"));
        assertThat(account.get("realmRoles").toString()).contains("\"service\"");
        // … and may read users (notification looks recipients' addresses up in Keycloak's admin API), nothing more of
        // Keycloak's administration: the same grant as the devstack's realm
        assertThat(account.at("/clientRoles/realm-management").toString()).isEqualTo("[\"view-users\"]");
        JsonNode devstack = Chart.STRICT.readTree(Chart.ROOT
                .resolve("devstack/src/main/resources/keycloak/bazaar-realm.json")
                .toFile());
        JsonNode devAccount = java.util.stream.StreamSupport.stream(
                        devstack.get("users").spliterator(), false)
                .filter(u -> "bazaar-services"
                        .equals(u.path("serviceAccountClientId").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(account.get("clientRoles")).isEqualTo(devAccount.get("clientRoles"));
        // catalog's onboarding client (ADR 0024): its account may manage users (map the seller role), holds no realm
        // role and nothing else of Keycloak's administration, as in the devstack's realm
        assertThat(clients.get("bazaar-onboarding")
                        .get("serviceAccountsEnabled")
                        .asBoolean())
                .isTrue();
        JsonNode onboarding = java.util.stream.StreamSupport.stream(
                        json.get("users").spliterator(), false)
                .filter(u -> "bazaar-onboarding"
                        .equals(u.path("serviceAccountClientId").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no service account for bazaar-onboarding in the realm"));
        assertThat(onboarding.has("realmRoles")).isFalse();
        assertThat(onboarding.at("/clientRoles/realm-management").toString()).isEqualTo("[\"manage-users\"]");
        JsonNode devOnboarding = java.util.stream.StreamSupport.stream(
                        devstack.get("users").spliterator(), false)
                .filter(u -> "bazaar-onboarding"
                        .equals(u.path("serviceAccountClientId").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(onboarding.get("clientRoles")).isEqualTo(devOnboarding.get("clientRoles"));
    }

    @Test
    void secretsStayOutOfTheDeploymentsUntilStripeIsChosen() throws Exception {
        Deployment sandbox = of(objects(List.of()), Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("bazaar-payment"))
                .findFirst()
                .orElseThrow();
        assertThat(sandbox.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getEnv())
                .noneMatch(e -> e.getName().startsWith("STRIPE"));
        Deployment stripe = of(objects(List.of("values-prod.yaml")), Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("bazaar-payment"))
                .findFirst()
                .orElseThrow();
        assertThat(stripe.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getEnv())
                .filteredOn(e -> e.getName().startsWith("STRIPE"))
                .hasSize(3)
                .allSatisfy(e ->
                        assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("bazaar-stripe"));
    }

    @Test
    void orderServiceReadsEachConfiguredCarriersSecretAndNoneByDefault() throws Exception {
        Deployment none = of(objects(List.of()), Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("bazaar-order"))
                .findFirst()
                .orElseThrow();
        assertThat(none.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getEnv())
                .noneMatch(e -> e.getName().startsWith("BAZAAR_ORDERS_CARRIERS_"));
        Deployment two = Chart.documents(
                        Chart.render(List.of(), Map.of("orders.carriers[0]", "dhl", "orders.carriers[1]", "ups")))
                .stream()
                .filter(d -> "Deployment".equals(d.path("kind").asText())
                        && "bazaar-order".equals(d.path("metadata").path("name").asText()))
                .map(d -> new com.fasterxml.jackson.databind.ObjectMapper().convertValue(d, Deployment.class))
                .findFirst()
                .orElseThrow();
        assertThat(two.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getEnv())
                .filteredOn(e -> e.getName().startsWith("BAZAAR_ORDERS_CARRIERS_"))
                .extracting(e ->
                        e.getName() + "=" + e.getValueFrom().getSecretKeyRef().getName() + "/"
                                + e.getValueFrom().getSecretKeyRef().getKey())
                .containsExactly(
                        "BAZAAR_ORDERS_CARRIERS_DHL_SECRET=bazaar-carriers/dhl-secret",
                        "BAZAAR_ORDERS_CARRIERS_UPS_SECRET=bazaar-carriers/ups-secret");
        assertThatThrownBy(() -> Chart.render(List.of(), Map.of("orders.carriers[0]", "DHL")))
                .as("a carrier name is lower-case letters and digits (it names an environment variable)")
                .isInstanceOf(Exception.class);
    }

    @Test
    void serviceMonitorsAreRenderedOnlyWhenAsked() throws Exception {
        assertThat(Chart.render(List.of(), Map.of())).doesNotContain("kind: ServiceMonitor");
        List<JsonNode> monitors =
                Chart.documents(Chart.render(List.of(), Map.of("monitoring.serviceMonitor", true))).stream()
                        .filter(d -> d.path("kind").asText().equals("ServiceMonitor"))
                        .toList();
        assertThat(monitors)
                .hasSize(SERVICES.size())
                .allSatisfy(
                        m -> assertThat(m.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics"));
    }

    @Test
    void badValuesAreRejectedByTheSchemaAtInstallTime() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("global.flavour", "gold"),
                Map.of("services.cart.port", "not-a-port"),
                Map.of("payment.provider", "cash"),
                Map.of("services.payment.env.STRIPE_API_KEY", "sk_live_inlined"),
                Map.of("defaults.resources.limits.memory", "lots"),
                Map.of("infrastructure.redis.url", "localhost"),
                Map.of("servics.cart.port", 1),
                // the shared database Secret is gone: each service has its own role
                Map.of("infrastructure.postgres.existingSecret", "bazaar-postgres"),
                Map.of("services.catalog.database", "null"),
                Map.of("services.cart.kafka", "null"),
                Map.of("services.order.env.KAFKA_SASL_PASSWORD", "inlined"),
                Map.of("infrastructure.kafka.sasl.securityProtocol", "PLAINTEXT"),
                Map.of("infrastructure.kafka.sasl.mechanism", "PLAIN"),
                Map.of("networkPolicy.stores.redis.port", "any"),
                Map.of("networkPolicy.stores.stripe.ipBlock", "null"),
                Map.of("infrastructure.smtp.startTls", "ALWAYS"),
                Map.of("infrastructure.smtp.port", "smtp"),
                Map.of("infrastructure.smtp.password", "inlined"),
                Map.of("services.notification.env.SMTP_PASSWORD", "inlined"),
                Map.of("networkPolicy.stores.smtp.port", "null"))) {
            assertThatThrownBy(() -> Chart.render(List.of(), bad))
                    .as("values %s", bad)
                    .hasMessageContaining("schema");
        }
        assertThatThrownBy(() -> Chart.render(List.of(), Map.of("services.cart.kafka.consumes[0]", "order.evnts")))
                .hasMessageContaining("order.evnts is not a Bazaar topic");
    }

    static <T> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
