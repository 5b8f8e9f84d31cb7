package dev.bazaar.devstack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The servers of the devstack, with their dev ports (the test profile adds 10000). {@code MAIL} is GreenMail: SMTP on
 * its port, IMAP on its second and GreenMail's HTTP API (to read and purge what was delivered) on its third — each the
 * protocol's standard port + 3000, as GreenMail numbers them. {@code S3} is S3Proxy: the S3 API over a local folder,
 * on 9000 (the port S3-compatible servers usually take), one bucket made before it starts.
 */
public enum Component {
    POSTGRES("postgres", 5432, -1, 60),
    REDIS("redis", 6379, -1, 30),
    KAFKA("kafka", 9092, 9093, 120),
    OPENSEARCH("opensearch", 9200, 9300, 180),
    MONGO("mongo", 27017, -1, 60),
    KEYCLOAK("keycloak", 8180, 8190, 360),
    MAIL("mail", 3025, 3143, 3080, 60),
    S3("s3", 9000, -1, 60);

    private final String id;
    private final int devPort;
    private final int devSecondPort;
    private final int devThirdPort;
    private final int timeoutSeconds;

    Component(String id, int devPort, int devSecondPort, int timeoutSeconds) {
        this(id, devPort, devSecondPort, -1, timeoutSeconds);
    }

    Component(String id, int devPort, int devSecondPort, int devThirdPort, int timeoutSeconds) {
        this.id = id;
        this.devPort = devPort;
        this.devSecondPort = devSecondPort;
        this.devThirdPort = devThirdPort;
        this.timeoutSeconds = timeoutSeconds;
    }

    public String id() {
        return id;
    }

    int devPort() {
        return devPort;
    }

    int devSecondPort() {
        return devSecondPort;
    }

    int devThirdPort() {
        return devThirdPort;
    }

    /** Default readiness timeout (seconds); override with -Dbazaar.devstack.timeout=&lt;seconds&gt;. */
    int timeoutSeconds() {
        String o = System.getProperty("bazaar.devstack.timeout");
        return o != null ? Integer.parseInt(o) : timeoutSeconds;
    }

    /** What the second port is for, or null. */
    String secondPortName() {
        return switch (this) {
            case KAFKA -> "controller";
            case OPENSEARCH -> "transport";
            case KEYCLOAK -> "management";
            case MAIL -> "imap";
            default -> null;
        };
    }

    /** What the third port is for, or null. */
    String thirdPortName() {
        return this == MAIL ? "api" : null;
    }

    public static Component of(String id) {
        for (Component c : values()) {
            if (c.id.equalsIgnoreCase(id.trim())) {
                return c;
            }
        }
        throw new DevstackException("Unknown component '" + id + "'; known: "
                + Arrays.stream(values()).map(Component::id).toList());
    }

    /** Parses "postgres,kafka" (or a list of such); empty means all. */
    public static Set<Component> parse(Collection<String> names) {
        List<Component> list = new ArrayList<>();
        for (String n : names) {
            for (String part : n.split(",")) {
                if (!part.isBlank()) {
                    list.add(of(part.toLowerCase(Locale.ROOT)));
                }
            }
        }
        return list.isEmpty() ? EnumSet.allOf(Component.class) : EnumSet.copyOf(list);
    }
}
