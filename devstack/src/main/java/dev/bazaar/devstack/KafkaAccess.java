package dev.bazaar.devstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the devstack's Kafka, as in production: every service signs in with its own SASL/SCRAM user
 * ({@code bazaar-<service>}) and is granted only its ACLs — WRITE on the topics it owns and on the dead-letter topics
 * of what it consumes, READ on what it consumes and those dead-letter topics, READ on its consumer groups and its DLQ
 * replay groups. Everything else is refused ({@code allow.everyone.if.no.acl.found=false}). The same grants as the
 * chart's topics Job renders ({@code services.<name>.kafka} in values.yaml); deploy-tests compares the two.
 *
 * <p>The devstack's own tooling and the tests' helpers sign in as {@link #ADMIN}, a super user whose PLAIN login is
 * written into the broker's configuration (so it works from the very first start, before any SCRAM user exists).
 */
public final class KafkaAccess {

    /** The broker's super user (PLAIN, static): the devstack's provisioning, the tests' producers and readers. */
    public static final String ADMIN = "bazaar-admin";
    /** How services sign in. */
    public static final String SCRAM = "SCRAM-SHA-512";

    /** One service's Kafka rights: the topics it writes (its outbox), the topics and groups it consumes. */
    public record Grants(String service, List<String> produces, List<String> consumes, List<String> groups) {
        public String user() {
            return KafkaAccess.user(service);
        }

        /** The dead-letter topics of what it consumes (it writes letters there, reads them back to replay). */
        public List<String> deadLetters() {
            return consumes.stream().map(t -> t + ".dlq").toList();
        }

        /** The consumer group the kit's DeadLetters reads a DLQ of this service in. */
        public String replayGroup(String dlq) {
            return "bazaar.dlq-replay." + service + "-service." + dlq;
        }
    }

    static final Map<String, Grants> SERVICES = table();

    private KafkaAccess() {}

    private static Map<String, Grants> table() {
        Map<String, Grants> m = new LinkedHashMap<>();
        // catalog also shows review-service's ratings on product pages, shop profiles and in search (#25)
        add(
                m,
                new Grants(
                        "catalog",
                        List.of("catalog.shop-events", "catalog.product-events", "inventory.replies"),
                        List.of(
                                "inventory.commands",
                                "order.events",
                                "catalog.product-events",
                                "catalog.shop-events",
                                "review.events"),
                        List.of(
                                "catalog-inventory",
                                "catalog-restock",
                                "catalog-indexer-products",
                                "catalog-indexer-shops",
                                "catalog-ratings")));
        add(
                m,
                new Grants(
                        "cart",
                        List.of(),
                        List.of("catalog.product-events", "catalog.shop-events", "checkout.events"),
                        List.of("cart-product-cache", "cart-shops", "cart-checkout")));
        add(
                m,
                new Grants(
                        "checkout",
                        List.of("inventory.commands", "payment.commands", "order.commands", "checkout.events"),
                        List.of("inventory.replies", "payment.replies", "order.replies"),
                        List.of("checkout-inventory-replies", "checkout-payment-replies", "checkout-order-replies")));
        add(
                m,
                new Grants(
                        "order",
                        List.of("order.replies", "order.events"),
                        List.of("order.commands", "payment.events", "catalog.shop-events", "order.events"),
                        List.of("order-commands", "order-payment-events", "order-shops", "order-projections")));
        add(
                m,
                new Grants(
                        "payment",
                        List.of("payment.replies", "payment.events"),
                        List.of("payment.commands", "order.events", "catalog.shop-events"),
                        List.of("payment-commands", "payment-order-events", "payment-shops")));
        // notification writes nothing to Kafka: it reads what happened and sends email (#24)
        add(
                m,
                new Grants(
                        "notification",
                        List.of(),
                        List.of("order.events", "payment.events", "catalog.shop-events", "catalog.product-events"),
                        List.of(
                                "notification-order-events",
                                "notification-payment-events",
                                "notification-shops",
                                "notification-product-events")));
        // review publishes reviews and ratings; it learns who may review what from delivered orders, and who owns a
        // shop (to answer its reviews) from the shop events (#25)
        add(
                m,
                new Grants(
                        "review",
                        List.of("review.events"),
                        List.of("order.events", "catalog.shop-events"),
                        List.of("review-order-events", "review-shops")));
        return m;
    }

    private static void add(Map<String, Grants> m, Grants g) {
        m.put(g.service(), g);
    }

    /** catalog, cart, checkout, order, payment, notification, review. */
    public static List<String> services() {
        return List.copyOf(SERVICES.keySet());
    }

    public static Grants grants(String service) {
        Grants g = SERVICES.get(service);
        if (g == null) {
            throw new IllegalArgumentException("no Kafka user for " + service + "; known: " + SERVICES.keySet());
        }
        return g;
    }

    /** The SCRAM user a service signs in as. */
    public static String user(String service) {
        return "bazaar-" + service;
    }

    /** A user's development password (its name: a devstack secret, refused in production). */
    public static String password(String user) {
        return user;
    }

    /** Every ACL the devstack grants (all ALLOW, literal names, any host). */
    public static List<AclBinding> bindings() {
        List<AclBinding> out = new ArrayList<>();
        for (Grants g : SERVICES.values()) {
            String principal = "User:" + g.user();
            for (String t : concat(g.produces(), g.deadLetters())) {
                out.add(binding(principal, ResourceType.TOPIC, t, AclOperation.WRITE));
                out.add(binding(principal, ResourceType.TOPIC, t, AclOperation.DESCRIBE));
            }
            for (String t : concat(g.consumes(), g.deadLetters())) {
                out.add(binding(principal, ResourceType.TOPIC, t, AclOperation.READ));
                out.add(binding(principal, ResourceType.TOPIC, t, AclOperation.DESCRIBE));
            }
            for (String group : g.groups()) {
                out.add(binding(principal, ResourceType.GROUP, group, AclOperation.READ));
            }
            for (String dlq : g.deadLetters()) {
                out.add(binding(principal, ResourceType.GROUP, g.replayGroup(dlq), AclOperation.READ));
            }
        }
        return out.stream().distinct().toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static AclBinding binding(String principal, ResourceType type, String name, AclOperation op) {
        return new AclBinding(
                new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }

    /** Client settings (security.protocol, sasl.*) of the devstack's super user. */
    public static Map<String, Object> adminClient() {
        return login("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule", ADMIN, password(ADMIN));
    }

    /** Client settings (security.protocol, sasl.*) of a service's user: what its application.properties say. */
    public static Map<String, Object> serviceClient(String service) {
        String user = grants(service).user();
        return login(SCRAM, "org.apache.kafka.common.security.scram.ScramLoginModule", user, password(user));
    }

    private static Map<String, Object> login(String mechanism, String module, String user, String password) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        m.put(SaslConfigs.SASL_MECHANISM, mechanism);
        m.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(module, user, password));
        return m;
    }

    static String jaas(String module, String user, String password) {
        return module + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    /** The broker-side JAAS of the PLAIN login: the super user, who is also how the broker talks to its controller. */
    static String brokerPlainJaas() {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN + "\" password=\""
                + password(ADMIN) + "\" user_" + ADMIN + "=\"" + password(ADMIN) + "\";";
    }
}
