package dev.bazaar.devstack;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/** Protocol-level readiness checks and the provisioning done once a component is ready. */
final class Probes {
    static final List<String> DATABASES = Databases.names();
    static final List<String> BASE_TOPICS = List.of(
            "catalog.shop-events",
            "catalog.product-events",
            "inventory.commands",
            "inventory.replies",
            "payment.commands",
            "payment.replies",
            "order.commands",
            "order.replies",
            "order.events",
            "payment.events",
            "checkout.events",
            "review.events");
    static final int PARTITIONS = 6;

    static List<String> topics() {
        List<String> all = new ArrayList<>(BASE_TOPICS);
        for (String t : BASE_TOPICS) {
            all.add(t + ".dlq");
        }
        return all;
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Probes() {}

    /** A cheap check that a running component answers (used for reuse and status). */
    static void quickProbe(Component c, String host, Profile profile) throws Exception {
        if (c == Component.KAFKA) {
            kafkaApiVersions(host, profile.port(c));
        } else {
            probe(c, host, profile);
        }
    }

    /** One readiness attempt; throws when not ready (message = why). */
    static void probe(Component c, String host, Profile profile) throws Exception {
        int port = profile.port(c);
        switch (c) {
            case POSTGRES -> {
                try (Connection con = pg(host, port, "postgres");
                        Statement st = con.createStatement()) {
                    st.execute("SELECT 1");
                }
            }
            case REDIS -> redisPing(host, port);
            case KAFKA -> {
                if (!tcp(host, port)) {
                    throw new IOException("no listener");
                }
                try (Admin admin = kafkaAdmin(host + ":" + port)) {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    admin.describeCluster().controller().get(5, TimeUnit.SECONDS);
                }
            }
            case OPENSEARCH ->
                httpOk("http://" + host + ":" + port + "/_cluster/health?wait_for_status=yellow&timeout=5s");
            case MONGO -> mongoPing(host, port);
            case KEYCLOAK -> httpOk("http://" + host + ":" + port + "/realms/bazaar/.well-known/openid-configuration");
            case MAIL -> {
                greeting(host, port, "220", "QUIT");
                greeting(host, profile.secondPort(c), "* OK", "a1 LOGOUT");
                httpOk("http://" + host + ":" + profile.thirdPort(c) + "/api/service/readiness");
            }
            case S3 -> s3AccessDenied(host, port);
        }
    }

    /**
     * S3Proxy is serving when a request without a signature for its service root (list all buckets) gets S3's own
     * refusal: 403 with an {@code AccessDenied} error document. Anything else — no answer, another server's page — is
     * not ready.
     */
    static void s3AccessDenied(String host, int port) throws IOException, InterruptedException {
        String url = "http://" + host + ":" + port + "/";
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 403 || !r.body().contains("AccessDenied")) {
            throw new IOException("HTTP " + r.statusCode() + " from " + url
                    + " (an unsigned request should get S3's 403 AccessDenied)");
        }
    }

    /**
     * A line-protocol server's greeting: connects, expects the first line to begin with {@code expected} (SMTP
     * {@code 220}, IMAP {@code * OK}), then says {@code bye} and waits for the server to hang up.
     */
    static void greeting(String host, int port, String expected, String bye) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            s.setSoTimeout(3000);
            InputStream in = s.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != '\n' && line.size() < 512; b = in.read()) {
                line.write(b);
            }
            String first = line.toString(StandardCharsets.US_ASCII).strip();
            if (!first.startsWith(expected)) {
                throw new IOException("port " + port + " greeted with '" + first + "', not '" + expected + " ...'");
            }
            s.getOutputStream().write((bye + "\r\n").getBytes(StandardCharsets.US_ASCII));
            // read the farewell until the server hangs up: leaving first makes GreenMail log a stack trace each time
            byte[] rest = new byte[512];
            int total = 0;
            try {
                for (int n = in.read(rest); n >= 0 && total < 8192; n = in.read(rest)) {
                    total += n;
                }
            } catch (SocketTimeoutException e) {
                // it greeted: ready, whether or not it hangs up promptly
            }
        }
    }

    static boolean tcp(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Connection pg(String host, int port, String db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", "postgres");
        p.setProperty("connectTimeout", "3");
        p.setProperty("loginTimeout", "5");
        p.setProperty("socketTimeout", "30");
        Connection con = new org.postgresql.Driver().connect("jdbc:postgresql://" + host + ":" + port + "/" + db, p);
        if (con == null) {
            throw new SQLException("driver refused URL");
        }
        return con;
    }

    /** Kept referenced so the levels stick: the admin client's config dumps are noise in a test's log. */
    private static final List<java.util.logging.Logger> QUIET = new ArrayList<>();

    static synchronized void quietKafkaAdminLogs() {
        if (QUIET.isEmpty()) {
            for (String name : List.of(
                    "org.apache.kafka.clients.admin",
                    "org.apache.kafka.common.utils.AppInfoParser",
                    "org.apache.kafka.common.metrics",
                    "org.apache.kafka.common.config",
                    "org.apache.kafka.clients.NetworkClient",
                    "org.apache.kafka.common.telemetry")) {
                java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
                l.setLevel(java.util.logging.Level.WARNING);
                QUIET.add(l);
            }
        }
    }

    /** A Kafka ApiVersions request (v0) over a raw socket: cheap "is the broker serving" check, no client library noise. */
    static void kafkaApiVersions(String host, int port) throws IOException {
        byte[] clientId = "bazaar-devstack".getBytes(StandardCharsets.UTF_8);
        ByteBuffer req = ByteBuffer.allocate(4 + 2 + 2 + 4 + 2 + clientId.length);
        req.putInt(2 + 2 + 4 + 2 + clientId.length)
                .putShort((short) 18)
                .putShort((short) 0)
                .putInt(42)
                .putShort((short) clientId.length)
                .put(clientId);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            s.setSoTimeout(3000);
            s.getOutputStream().write(req.array());
            DataInputStream in = new DataInputStream(s.getInputStream());
            int len = in.readInt();
            if (len < 6 || len > 1 << 20) {
                throw new IOException("bad ApiVersions reply length " + len);
            }
            int correlation = in.readInt();
            short error = in.readShort();
            if (correlation != 42 || error != 0) {
                throw new IOException("ApiVersions: correlation " + correlation + ", error " + error);
            }
        }
    }

    static Admin kafkaAdmin(String bootstrap) {
        quietKafkaAdminLogs();
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cfg.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        cfg.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        cfg.put(AdminClientConfig.CLIENT_ID_CONFIG, "bazaar-devstack");
        cfg.putAll(KafkaAccess.adminClient());
        return Admin.create(cfg);
    }

    static void httpOk(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(15))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode() + " from " + url);
        }
    }

    static void redisPing(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            s.setSoTimeout(2000);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[64];
            int n = s.getInputStream().read(buf);
            String reply = n > 0 ? new String(buf, 0, n, StandardCharsets.US_ASCII) : "";
            if (!reply.startsWith("+PONG")) {
                throw new IOException("redis answered '" + reply.trim() + "'");
            }
        }
    }

    /** Sends {ping: 1, $db: "admin"} as an OP_MSG and expects ok: 1. */
    static void mongoPing(String host, int port) throws IOException {
        ByteArrayOutputStream doc = new ByteArrayOutputStream();
        doc.write(0x10);
        cstring(doc, "ping");
        int32(doc, 1);
        doc.write(0x02);
        cstring(doc, "$db");
        byte[] admin = "admin".getBytes(StandardCharsets.UTF_8);
        int32(doc, admin.length + 1);
        doc.write(admin);
        doc.write(0);
        doc.write(0);
        byte[] body = doc.toByteArray();
        ByteArrayOutputStream bson = new ByteArrayOutputStream();
        int32(bson, body.length + 4);
        bson.write(body);
        byte[] document = bson.toByteArray();
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        int32(msg, 16 + 4 + 1 + document.length);
        int32(msg, 1);
        int32(msg, 0);
        int32(msg, 2013);
        int32(msg, 0);
        msg.write(0);
        msg.write(document);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write(msg.toByteArray());
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] header = new byte[16];
            in.readFully(header);
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            int len = h.getInt();
            h.getInt();
            h.getInt();
            int op = h.getInt();
            if (len < 21 || len > 1 << 20) {
                throw new IOException("bad reply length " + len);
            }
            byte[] rest = new byte[len - 16];
            in.readFully(rest);
            if (op != 2013) {
                throw new IOException("unexpected opcode " + op);
            }
            // flags(4) kind(1) then the BSON document: look for the "ok" double 1.0
            String s2 = new String(rest, StandardCharsets.ISO_8859_1);
            int i = s2.indexOf("\u0001ok\u0000");
            if (i < 0) {
                throw new IOException("no ok in reply");
            }
            double ok = ByteBuffer.wrap(rest, i + 4, 8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .getDouble();
            if (ok != 1.0) {
                throw new IOException("ping answered ok=" + ok);
            }
        }
    }

    private static void cstring(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    private static void int32(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write((v >> 8) & 0xff);
        out.write((v >> 16) & 0xff);
        out.write((v >> 24) & 0xff);
    }

    // ---- provisioning ----

    /**
     * What {@link #provision} makes of component {@code c}, as a short digest: when it changes (a new service's
     * database, topic, user or ACLs), a server that is already running is provisioned again.
     */
    static String provisioningDigest(Component c) {
        String what = switch (c) {
            case POSTGRES -> DATABASES.toString();
            case KAFKA -> topics() + " " + KafkaAccess.bindings();
            default -> "";
        };
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(what.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String provision(Component c, String host, int port) throws Exception {
        return switch (c) {
            case POSTGRES -> provisionPostgres(host, port);
            case KAFKA -> provisionKafka(host + ":" + port);
            case OPENSEARCH -> provisionOpenSearch(host, port);
            default -> "";
        };
    }

    /**
     * The tooling role {@code bazaar}, then per database its own role (LOGIN, password = its name), the database owned
     * by it, CONNECT and TEMPORARY revoked from PUBLIC, and the tooling role a member of it. A database made by an
     * older devstack (owned by {@code bazaar}) is handed over with everything in it. Idempotent.
     */
    static String provisionPostgres(String host, int port) throws SQLException {
        List<String> created = new ArrayList<>();
        try (Connection con = pg(host, port, "postgres")) {
            con.setAutoCommit(true);
            if (!exists(con, "SELECT 1 FROM pg_roles WHERE rolname = ?", "bazaar")) {
                try (Statement st = con.createStatement()) {
                    st.execute("CREATE ROLE bazaar LOGIN PASSWORD 'bazaar' CREATEDB");
                }
                created.add("role bazaar");
            }
            for (String db : DATABASES) {
                String role = Databases.role(db);
                if (!exists(con, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
                    try (Statement st = con.createStatement()) {
                        st.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + Databases.password(db) + "'");
                        st.execute("GRANT " + role + " TO bazaar");
                    }
                    created.add("role " + role);
                }
                if (!exists(con, "SELECT 1 FROM pg_database WHERE datname = ?", db)) {
                    try (Statement st = con.createStatement()) {
                        st.execute("CREATE DATABASE " + db + " OWNER " + role);
                    }
                    created.add("database " + db);
                } else if (!exists(
                        con,
                        "SELECT 1 FROM pg_database WHERE datname = ? AND pg_get_userbyid(datdba) = '" + role + "'",
                        db)) {
                    try (Statement st = con.createStatement()) {
                        st.execute("ALTER DATABASE " + db + " OWNER TO " + role);
                    }
                    try (Connection inDb = pg(host, port, db)) {
                        handOver(inDb, "bazaar", role);
                    }
                    created.add("database " + db + " handed to " + role);
                }
                try (Statement st = con.createStatement()) {
                    st.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + db + " FROM PUBLIC");
                    st.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + db + " TO " + role);
                }
            }
        }
        return created.isEmpty() ? "" : "created " + String.join(", ", created);
    }

    /**
     * Gives every schema, table, sequence, view and routine {@code from} owns in this database to {@code to} (not
     * {@code REASSIGN OWNED}, which would hand over {@code from}'s other databases too).
     */
    static void handOver(Connection con, String from, String to) throws SQLException {
        con.setAutoCommit(true);
        String sql = """
                DO $$
                DECLARE r record;
                BEGIN
                  FOR r IN SELECT nspname FROM pg_namespace WHERE pg_get_userbyid(nspowner) = '%1$s'
                           AND nspname NOT LIKE 'pg\\_%%' AND nspname <> 'information_schema' LOOP
                    EXECUTE format('ALTER SCHEMA %%I OWNER TO %2$s', r.nspname);
                  END LOOP;
                  FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
                           JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE pg_get_userbyid(c.relowner) = '%1$s' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                           AND n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema' LOOP
                    EXECUTE format('ALTER %%s %%s OWNER TO %2$s', CASE r.relkind WHEN 'v' THEN 'VIEW'
                      WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.name);
                  END LOOP;
                  -- sequences of identity and serial columns moved with their tables; the rest now
                  FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE pg_get_userbyid(c.relowner) = '%1$s' AND c.relkind = 'S'
                           AND n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema' LOOP
                    EXECUTE format('ALTER SEQUENCE %%s OWNER TO %2$s', r.name);
                  END LOOP;
                  FOR r IN SELECT p.oid::regprocedure AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                           WHERE pg_get_userbyid(p.proowner) = '%1$s'
                           AND n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema' LOOP
                    EXECUTE format('ALTER ROUTINE %%s OWNER TO %2$s', r.sig);
                  END LOOP;
                  FOR r IN SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                           WHERE pg_get_userbyid(t.typowner) = '%1$s' AND t.typtype IN ('e', 'd', 'c')
                           AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
                           AND n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema' LOOP
                    EXECUTE format('ALTER TYPE %%s OWNER TO %2$s', r.name);
                  END LOOP;
                END $$""".formatted(from, to);
        try (Statement st = con.createStatement()) {
            st.execute(sql);
        }
    }

    private static boolean exists(Connection con, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static String provisionKafka(String bootstrap) throws Exception {
        try (Admin admin = kafkaAdmin(bootstrap)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String t : topics()) {
                if (!existing.contains(t)) {
                    missing.add(new NewTopic(t, PARTITIONS, (short) 1));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            Map<String, TopicDescription> desc =
                    admin.describeTopics(topics()).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<String, NewPartitions> grow = new HashMap<>();
            desc.forEach((name, d) -> {
                if (d.partitions().size() < PARTITIONS) {
                    grow.put(name, NewPartitions.increaseTo(PARTITIONS));
                }
            });
            if (!grow.isEmpty()) {
                admin.createPartitions(grow).all().get(60, TimeUnit.SECONDS);
            }
            // every service's SCRAM user (its development password; existing users are left as they are, so that
            // clients signing in during a restart meet the same credentials) and exactly its ACLs (idempotent)
            Set<String> known = new java.util.HashSet<>(
                    admin.describeUserScramCredentials().users().get(30, TimeUnit.SECONDS));
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            for (String service : KafkaAccess.services()) {
                String user = KafkaAccess.user(service);
                if (!known.contains(user)) {
                    users.add(new UserScramCredentialUpsertion(
                            user,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                            KafkaAccess.password(user)));
                }
            }
            if (!users.isEmpty()) {
                admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
            }
            admin.createAcls(KafkaAccess.bindings()).all().get(30, TimeUnit.SECONDS);
            awaitServiceLogins(bootstrap);
            List<String> done = new ArrayList<>();
            if (!missing.isEmpty()) {
                done.add("created " + missing.size() + " topics");
            }
            if (!users.isEmpty()) {
                done.add(users.size() + " service users");
            }
            return String.join(", ", done);
        }
    }

    /** Waits (up to 20 s) until every service's user signs in: the broker learns new credentials from the metadata log. */
    private static void awaitServiceLogins(String bootstrap) throws Exception {
        for (String service : KafkaAccess.services()) {
            Map<String, Object> cfg = new HashMap<>(KafkaAccess.serviceClient(service));
            cfg.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            cfg.put(AdminClientConfig.CLIENT_ID_CONFIG, "bazaar-devstack-login-check");
            cfg.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
            cfg.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                try (Admin login = Admin.create(cfg)) {
                    login.describeCluster().clusterId().get(6, TimeUnit.SECONDS);
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException(
                                "Kafka user " + KafkaAccess.user(service) + " cannot sign in: " + e.getCause(),
                                e.getCause());
                    }
                    Procs.sleep(250);
                }
            }
        }
    }

    static String provisionOpenSearch(String host, int port) throws IOException, InterruptedException {
        String body =
                "{\"index_patterns\":[\"*\"],\"order\":-100,\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}";
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/_template/bazaar-defaults"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("index template: HTTP " + r.statusCode() + " " + r.body());
        }
        return "";
    }

    static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
