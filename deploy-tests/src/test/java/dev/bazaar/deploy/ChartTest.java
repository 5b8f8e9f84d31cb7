package dev.bazaar.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import dev.bazaar.contracts.messaging.Topic;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chart renders with each values set, lints strictly, and every object is valid and follows the platform's rules. */
class ChartTest {

    static final Set<String> SERVICES = Set.of("catalog", "cart", "checkout", "order", "payment", "portal");

    static Stream<List<String>> flavours() {
        return Stream.of(List.of(), List.of("values-prod.yaml"), List.of("values-native.yaml"),
                List.of("values-dev.yaml"), List.of("values-prod.yaml", "values-native.yaml"));
    }

    static List<HasMetadata> objects(List<String> values) throws Exception {
        List<HasMetadata> out = new ArrayList<>();
        for (JsonNode doc : Chart.documents(Chart.render(values, Map.of()))) {
            HasMetadata o = Chart.typed(doc);
            assertThat(Chart.unknownFields(o)).as("fields Kubernetes does not know in %s %s", o.getKind(),
                    o.getMetadata().getName()).isEmpty();
            assertThat(o.getMetadata().getName()).as("every object has a name").isNotBlank();
            out.add(o);
        }
        return out;
    }

    @Test
    void theChartLintsStrictly() {
        var result = new Helm(Chart.CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
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
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
            for (Container c : pod.getContainers()) {
                assertThat(c.getImage()).as(name).isNotBlank();
                assertThat(c.getLivenessProbe().getHttpGet().getPath()).as(name).isEqualTo("/q/health/live");
                assertThat(c.getReadinessProbe().getHttpGet().getPath()).as(name).isEqualTo("/q/health/ready");
                assertThat(c.getStartupProbe()).as(name + " startup probe").isNotNull();
                assertThat(c.getResources().getLimits()).as(name + " limits").containsKeys("cpu", "memory");
                assertThat(c.getResources().getRequests()).as(name + " requests").containsKeys("cpu", "memory");
                var sc = c.getSecurityContext();
                assertThat(sc.getReadOnlyRootFilesystem()).as(name).isTrue();
                assertThat(sc.getAllowPrivilegeEscalation()).as(name).isFalse();
                assertThat(sc.getCapabilities().getDrop()).as(name).containsExactly("ALL");
                c.getEnv().stream().filter(e -> e.getName().matches(".*(PASSWORD|SECRET|API_KEY|_URL)$")
                        && !e.getName().endsWith("SERVER_URL")).filter(e -> e.getName().contains("PASSWORD")
                        || e.getName().contains("SECRET") || e.getName().contains("API_KEY")
                        || e.getName().equals("MONGODB_URL"))
                        .forEach(e -> assertThat(e.getValueFrom()).as(name + " " + e.getName()
                                + " comes from a Secret").isNotNull());
            }
            // a PDB and an HPA for every Deployment
            assertThat(of(objects, PodDisruptionBudget.class)).as(name + " has a PDB")
                    .anyMatch(p -> p.getSpec().getSelector().getMatchLabels()
                            .equals(d.getSpec().getSelector().getMatchLabels()));
            assertThat(of(objects, HorizontalPodAutoscaler.class)).as(name + " has an HPA")
                    .anyMatch(h -> h.getSpec().getScaleTargetRef().getName().equals(name));
        }
        Pattern secretLooking = Pattern.compile("(?i)(sk_(live|test)_|whsec_|password\\s*[:=]|\"secret\"\\s*:)");
        for (ConfigMap cm : of(objects, ConfigMap.class)) {
            cm.getData().forEach((k, v) -> {
                assertThat(k).as("a ConfigMap key naming a secret").doesNotContainPattern("(?i)password|secret|api_key");
                assertThat(v).as("no secret value in ConfigMap " + cm.getMetadata().getName() + " " + k)
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
        NetworkPolicy deny = policies.stream().filter(p -> p.getMetadata().getName().endsWith("default-deny"))
                .findFirst().orElseThrow();
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        NetworkPolicy catalog = policies.stream().filter(p -> p.getMetadata().getName().equals("bazaar-catalog"))
                .findFirst().orElseThrow();
        var callers = catalog.getSpec().getIngress().get(0).getFrom().stream()
                .filter(f -> f.getPodSelector() != null && f.getPodSelector().getMatchLabels() != null)
                .map(f -> f.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                .filter(n -> n != null).collect(Collectors.toSet());
        assertThat(callers).as("who may call the catalog").containsExactlyInAnyOrder("cart", "checkout", "portal");
        NetworkPolicy payment = policies.stream().filter(p -> p.getMetadata().getName().equals("bazaar-payment"))
                .findFirst().orElseThrow();
        assertThat(payment.getSpec().getIngress().get(0).getFrom().stream()
                .filter(f -> f.getPodSelector() != null && f.getPodSelector().getMatchLabels() != null)
                .map(f -> f.getPodSelector().getMatchLabels().get("app.kubernetes.io/name")).filter(n -> n != null))
                .as("only the portal calls payment").containsExactly("portal");
    }

    @Test
    void theIngressRoutesEachApiPrefixToItsServiceAndThePortal() throws Exception {
        Ingress ingress = of(objects(List.of()), Ingress.class).getFirst();
        Map<String, String> routes = ingress.getSpec().getRules().stream().flatMap(r -> r.getHttp().getPaths()
                .stream().map(p -> Map.entry(r.getHost() + p.getPath(), p.getBackend().getService().getName())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(routes).containsEntry("bazaar.example.com/api/v1/products", "bazaar-catalog")
                .containsEntry("bazaar.example.com/api/v1/cart", "bazaar-cart")
                .containsEntry("bazaar.example.com/api/v1/checkouts", "bazaar-checkout")
                .containsEntry("bazaar.example.com/api/v1/orders", "bazaar-order")
                .containsEntry("bazaar.example.com/api/v1/payments", "bazaar-payment")
                .containsEntry("sellers.bazaar.example.com/", "bazaar-portal");
        assertThat(of(objects(List.of("values-prod.yaml")), Ingress.class).getFirst().getSpec().getTls())
                .as("prod has TLS").hasSize(1);
    }

    @Test
    void theTopicsJobCreatesEveryContractTopicAndItsDeadLetters() throws Exception {
        Job job = of(objects(List.of()), Job.class).getFirst();
        String script = String.join(" ", job.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs());
        Set<String> created = Arrays.stream(script.split("for t in ")[1].split(";")[0].trim().split("\\s+"))
                .collect(Collectors.toSet());
        assertThat(created).containsExactlyInAnyOrderElementsOf(Topic.allTopicNames());
    }

    @Test
    void theProductionRealmHasNoPeopleNoPasswordGrantsAndEveryClientAndRoleTheServicesRelyOn() throws Exception {
        ConfigMap realm = of(objects(List.of("values-prod.yaml")), ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().endsWith("-realm")).findFirst().orElseThrow();
        JsonNode json = Chart.STRICT.readTree(realm.getData().get("bazaar-realm.json"));
        json.get("clients").forEach(c -> assertThat(c.get("directAccessGrantsEnabled").asBoolean())
                .as(c.get("clientId").asText()).isFalse());
        // the only user is a client's service account: no person is imported with the realm
        json.get("users").forEach(u -> assertThat(u.hasNonNull("serviceAccountClientId"))
                .as(u.get("username").asText()).isTrue());

        java.util.Set<String> roles = new java.util.HashSet<>();
        json.get("roles").get("realm").forEach(r -> roles.add(r.get("name").asText()));
        java.util.Map<String, JsonNode> clients = new java.util.HashMap<>();
        json.get("clients").forEach(c -> clients.put(c.get("clientId").asText(), c));
        // every role a service's endpoint requires exists …
        java.util.Set<String> required = Chart.rolesAllowedInServices();
        assertThat(roles).as("realm roles").containsAll(required);
        // … every client a service signs in with exists, and every client puts the bazaar-api audience in its tokens
        assertThat(clients.keySet()).containsAll(Chart.clientIdsInServices());
        clients.forEach((id, c) -> assertThat(c.get("protocolMappers").toString()).as(id)
                .contains("\"included.custom.audience\":\"bazaar-api\""));
        // … and the service-to-service client's account holds the `service` role the internal endpoints require
        assertThat(required).contains("service");
        assertThat(clients.get("bazaar-services").get("serviceAccountsEnabled").asBoolean()).isTrue();
        JsonNode account = java.util.stream.StreamSupport.stream(json.get("users").spliterator(), false)
                .filter(u -> "bazaar-services".equals(u.path("serviceAccountClientId").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no service account for bazaar-services in the realm"));
        assertThat(account.get("realmRoles").toString()).contains("\"service\"");
    }

    @Test
    void secretsStayOutOfTheDeploymentsUntilStripeIsChosen() throws Exception {
        Deployment sandbox = of(objects(List.of()), Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("bazaar-payment")).findFirst().orElseThrow();
        assertThat(sandbox.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv())
                .noneMatch(e -> e.getName().startsWith("STRIPE"));
        Deployment stripe = of(objects(List.of("values-prod.yaml")), Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("bazaar-payment")).findFirst().orElseThrow();
        assertThat(stripe.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv())
                .filteredOn(e -> e.getName().startsWith("STRIPE")).hasSize(3)
                .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("bazaar-stripe"));
    }

    @Test
    void serviceMonitorsAreRenderedOnlyWhenAsked() throws Exception {
        assertThat(Chart.render(List.of(), Map.of())).doesNotContain("kind: ServiceMonitor");
        List<JsonNode> monitors = Chart.documents(Chart.render(List.of(), Map.of("monitoring.serviceMonitor", true)))
                .stream().filter(d -> d.path("kind").asText().equals("ServiceMonitor")).toList();
        assertThat(monitors).hasSize(SERVICES.size())
                .allSatisfy(m -> assertThat(m.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics"));
    }

    @Test
    void badValuesAreRejectedByTheSchemaAtInstallTime() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("global.flavour", "gold"),
                Map.of("services.cart.port", "not-a-port"), Map.of("payment.provider", "cash"),
                Map.of("services.payment.env.STRIPE_API_KEY", "sk_live_inlined"),
                Map.of("defaults.resources.limits.memory", "lots"), Map.of("infrastructure.redis.url", "localhost"),
                Map.of("servics.cart.port", 1))) {
            assertThatThrownBy(() -> Chart.render(List.of(), bad)).as("values %s", bad)
                    .hasMessageContaining("schema");
        }
    }

    static <T> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
