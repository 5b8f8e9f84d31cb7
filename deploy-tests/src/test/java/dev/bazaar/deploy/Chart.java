package dev.bazaar.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The chart, rendered offline by helm-java, and its objects read into the fabric8 Kubernetes model: a wrong type fails
 * the read, an unknown field lands in a model object's additional properties and is reported by
 * {@link #unknownFields}.
 */
final class Chart {

    static final Path ROOT = repoRoot();
    static final Path CHART = ROOT.resolve("helm/bazaar");

    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Deployment",
            Deployment.class,
            "Service",
            Service.class,
            "ServiceAccount",
            ServiceAccount.class,
            "ConfigMap",
            ConfigMap.class,
            "Pod",
            Pod.class,
            "PodDisruptionBudget",
            PodDisruptionBudget.class,
            "HorizontalPodAutoscaler",
            HorizontalPodAutoscaler.class,
            "NetworkPolicy",
            NetworkPolicy.class,
            "Ingress",
            Ingress.class,
            "Job",
            Job.class);

    /** Strict reading: "8081" is not 8081, and a number where an object belongs fails. */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());

    private Chart() {}

    /** Every role named by an {@code @RolesAllowed} in the services' and the portal's sources. */
    static java.util.Set<String> rolesAllowedInServices() throws IOException {
        java.util.Set<String> roles = new java.util.TreeSet<>();
        java.util.regex.Pattern annotation = java.util.regex.Pattern.compile("@RolesAllowed\\(([^)]*)\\)");
        java.util.regex.Pattern quoted = java.util.regex.Pattern.compile("\"([^\"]+)\"");
        for (Path file : sources()) {
            var m = annotation.matcher(Files.readString(file));
            while (m.find()) {
                var q = quoted.matcher(m.group(1));
                while (q.find()) {
                    roles.add(q.group(1));
                }
            }
        }
        return roles;
    }

    /** Every OIDC client id the services' and the portal's configuration signs in with. */
    static java.util.Set<String> clientIdsInServices() throws IOException {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        try (var dirs = Files.list(ROOT)) {
            for (Path module : dirs.filter(
                            d -> Files.isRegularFile(d.resolve("src/main/resources/application.properties")))
                    .toList()) {
                for (String line : ownAndGroupLines(module.resolve("src/main/resources/application.properties"))) {
                    var m = java.util.regex.Pattern.compile(
                                    "^(?:%\\w+\\.)?quarkus\\.oidc(?:-client)?(?:\\.[\\w-]+)?\\.client-id=(.+)$")
                            .matcher(line.trim());
                    if (m.matches()) {
                        ids.add(m.group(1).trim());
                    }
                }
            }
        }
        return ids;
    }

    /**
     * The lines a service is configured with, as Quarkus reads them, lowest ordinal first: the platform kit's defaults
     * ({@code META-INF/microprofile-config.properties}, 100), the kit's setting groups the service takes
     * ({@code quarkus.config.locations}, 150: ADR 0032), then the service's own application.properties (250).
     */
    static List<String> settings(String service) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(
                ROOT.resolve("platform-kit/src/main/resources/META-INF/microprofile-config.properties")));
        lines.addAll(ownAndGroupLines(ROOT.resolve(service + "-service/src/main/resources/application.properties")));
        return lines;
    }

    /**
     * The kit's setting groups an application.properties takes: the files its {@code quarkus.config.locations} names
     * (classpath resources of the platform kit, {@code platform-kit/src/main/resources/bazaar/*.properties}).
     */
    static List<Path> groups(Path applicationProperties) throws IOException {
        var line = java.util.regex.Pattern.compile("^quarkus\\.config\\.locations=(.*)$");
        List<Path> files = new ArrayList<>();
        for (String l : Files.readAllLines(applicationProperties)) {
            var m = line.matcher(l.trim());
            if (m.matches()) {
                for (String location : m.group(1).split(",", -1)) {
                    Path file = ROOT.resolve("platform-kit/src/main/resources").resolve(location.trim());
                    if (!Files.isRegularFile(file)) {
                        throw new IllegalStateException(applicationProperties + " takes " + location.trim()
                                + ", which is no group of the platform kit");
                    }
                    files.add(file);
                }
            }
        }
        return files;
    }

    /** The lines of the kit groups an application.properties takes, then its own lines (which win over them). */
    static List<String> ownAndGroupLines(Path applicationProperties) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path group : groups(applicationProperties)) {
            lines.addAll(Files.readAllLines(group));
        }
        lines.addAll(Files.readAllLines(applicationProperties));
        return lines;
    }

    /**
     * What a service's configuration (its application.properties and the kit groups it takes) declares for its Kafka
     * consumers (profile %prod overrides the base).
     */
    record Incoming(
            java.util.Set<String> topics, java.util.Set<String> deadLetterTopics, java.util.Set<String> groups) {}

    /** {@code quarkus.application.name} of {@code <service>-service} (the %prod value, if it has one). */
    static String applicationName(String service) throws IOException {
        Path file = ROOT.resolve(service + "-service/src/main/resources/application.properties");
        var line = java.util.regex.Pattern.compile("^(%prod\\.)?quarkus\\.application\\.name=(.*)$");
        String name = null;
        String prod = null;
        for (String l : Files.readAllLines(file)) {
            var m = line.matcher(l.trim());
            if (m.matches()) {
                if (m.group(1) == null) {
                    name = m.group(2).trim();
                } else {
                    prod = m.group(2).trim();
                }
            }
        }
        return java.util.Objects.requireNonNull(
                prod != null ? prod : name, service + "-service sets no quarkus.application.name");
    }

    /**
     * The {@code mp.messaging.incoming.*} channels of {@code <service>-service}: topics, DLQ topics, groups — from the
     * kit groups it takes (e.g. {@code bazaar/shop-events.properties}) and its own lines, which win over them.
     */
    static Incoming incoming(String service) throws IOException {
        Path file = ROOT.resolve(service + "-service/src/main/resources/application.properties");
        var line = java.util.regex.Pattern.compile("^(%prod\\.)?mp\\.messaging\\.incoming\\.([^.=]+)\\."
                + "(topic|group\\.id|dead-letter-queue\\.topic|enabled)=(.*)$");
        // channel -> key -> value, the %prod value winning over the base one
        Map<String, Map<String, String>> channels = new java.util.TreeMap<>();
        Map<String, Map<String, String>> prod = new java.util.TreeMap<>();
        for (String l : ownAndGroupLines(file)) {
            var m = line.matcher(l.trim());
            if (m.matches()) {
                (m.group(1) == null ? channels : prod)
                        .computeIfAbsent(m.group(2), k -> new java.util.HashMap<>())
                        .put(m.group(3), m.group(4).trim());
            }
        }
        prod.forEach((ch, kv) ->
                channels.computeIfAbsent(ch, k -> new java.util.HashMap<>()).putAll(kv));
        java.util.Set<String> topics = new java.util.TreeSet<>();
        java.util.Set<String> dlqs = new java.util.TreeSet<>();
        java.util.Set<String> groups = new java.util.TreeSet<>();
        channels.forEach((ch, kv) -> {
            if ("false".equals(kv.get("enabled"))) {
                return;
            }
            // SmallRye's default topic is the channel's name; a group is required (the chart lists them)
            topics.add(kv.getOrDefault("topic", ch));
            if (kv.containsKey("dead-letter-queue.topic")) {
                dlqs.add(kv.get("dead-letter-queue.topic"));
            }
            groups.add(java.util.Objects.requireNonNull(
                    kv.get("group.id"), service + " channel " + ch + " names no group.id"));
        });
        return new Incoming(topics, dlqs, groups);
    }

    /**
     * The topics {@code <service>-service}'s code publishes: a service publishes through its outbox
     * ({@code Outbox.append}, or review's events written inside its documents, {@code PendingEvent.of}: ADR 0020), each
     * message on the topic of its payload type, so it publishes every topic whose message types it constructs
     * ({@code new OrderEvent.OrderPlaced(...)}).
     */
    static java.util.Set<String> publishedBy(String service) throws IOException {
        Path src = ROOT.resolve(service + "-service/src/main/java");
        StringBuilder code = new StringBuilder();
        try (var walk = Files.walk(src)) {
            // the load profile's bench routes (rest/Bare*Routes) build other services' events to feed this service's
            // own use cases (review-service's seed: the OrderPlaced a purchase leaves); they never publish them
            for (Path f : walk.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().matches("Bare\\w*Routes\\.java"))
                    .toList()) {
                code.append(Files.readString(f)).append('\n');
            }
        }
        java.util.Set<String> topics = new java.util.TreeSet<>();
        if (!code.toString().contains("Outbox.append(") && !code.toString().contains("PendingEvent.of(")) {
            return topics;
        }
        for (dev.bazaar.contracts.messaging.Topic t : dev.bazaar.contracts.messaging.Topic.values()) {
            String payload = t.payloadType().getSimpleName();
            for (String type : t.types().keySet()) {
                if (java.util.regex.Pattern.compile("new\\s+" + payload + "\\." + type + "\\s*\\(")
                        .matcher(code)
                        .find()) {
                    topics.add(t.topicName());
                }
            }
        }
        return topics;
    }

    /** One Kafka ACL: an operation on a resource (topic or group). */
    record Grant(String operation, String resource, String name) {}

    /**
     * The ACLs the topics Job grants, per service: its {@code allow "User:$KAFKA_USER_<SERVICE>" <Ops> <topic|group>
     * <names>} lines (the principal is the user name in the service's own Kafka Secret).
     */
    static Map<String, java.util.Set<Grant>> acls(String script) {
        Map<String, java.util.Set<Grant>> out = new java.util.TreeMap<>();
        var line = java.util.regex.Pattern.compile(
                "(?m)^\\s*allow \"User:\\$KAFKA_USER_([A-Z]+)\" ([A-Za-z,]+) (topic|group) ([^\\n]+)$");
        var m = line.matcher(script);
        while (m.find()) {
            java.util.Set<Grant> grants =
                    out.computeIfAbsent(m.group(1).toLowerCase(java.util.Locale.ROOT), k -> new java.util.HashSet<>());
            for (String op : m.group(2).split(",")) {
                for (String name : m.group(4).trim().split("\\s+")) {
                    grants.add(new Grant(op, m.group(3), name));
                }
            }
        }
        return out;
    }

    private static List<Path> sources() throws IOException {
        List<Path> files = new ArrayList<>();
        try (var dirs = Files.list(ROOT)) {
            for (Path module : dirs.filter(d -> Files.isDirectory(d.resolve("src/main/java")))
                    .toList()) {
                try (var walk = Files.walk(module.resolve("src/main/java"))) {
                    walk.filter(f -> f.toString().endsWith(".java")).forEach(files::add);
                }
            }
        }
        return files;
    }

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("helm/bazaar/Chart.yaml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException(
                    "no helm/bazaar above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** {@code helm template bazaar helm/bazaar -f <values>...} with optional --set pairs. */
    static String render(List<String> valuesFiles, Map<String, Object> sets) {
        TemplateCommand t = new Helm(CHART)
                .template()
                .withName("bazaar")
                .withNamespace("bazaar")
                .withKubeVersion("1.31.0");
        for (String f : valuesFiles) {
            t = t.withValuesFile(CHART.resolve(f));
        }
        for (var e : sets.entrySet()) {
            t = t.set(e.getKey(), e.getValue());
        }
        return t.call();
    }

    /** The rendered documents as trees (empty documents dropped). */
    static List<JsonNode> documents(String rendered) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(rendered)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isEmpty()) {
                    docs.add(n);
                }
            }
        }
        return docs;
    }

    /** A document as its typed Kubernetes object (a wrong type throws). */
    static HasMetadata typed(JsonNode doc) throws IOException {
        Class<? extends HasMetadata> type = KINDS.get(doc.path("kind").asText());
        if (type == null) {
            throw new IllegalArgumentException(
                    "unexpected kind " + doc.path("kind").asText());
        }
        return STRICT.treeToValue(doc, type);
    }

    /** Paths of fields the Kubernetes model does not know (they end up in additionalProperties). */
    static List<String> unknownFields(Object o) {
        List<String> found = new ArrayList<>();
        walk(o, "", found);
        return found;
    }

    private static void walk(Object o, String path, List<String> found) {
        if (o == null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object x : c) {
                walk(x, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, found));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0
                    || Modifier.isStatic(m.getModifiers())
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = m.getName();
            try {
                if (name.equals("getAdditionalProperties")) {
                    Map<?, ?> extra = (Map<?, ?>) m.invoke(o);
                    if (extra != null && !extra.isEmpty()) {
                        extra.keySet().forEach(k -> found.add(path + "." + k));
                    }
                } else if (name.startsWith("get") && !name.equals("getClass")) {
                    walk(m.invoke(o), path + "." + Character.toLowerCase(name.charAt(3)) + name.substring(4), found);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
