package dev.bazaar.devstack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.devstack.External;
import dev.bazaar.devstack.Profile;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Tests' access to what the devstack's mail server (GreenMail) delivered, over its HTTP API with the JDK's client: a
 * recipient's messages, waiting for them, and purging. Every recipient gets a mailbox when its first mail arrives.
 *
 * <p>The server is shared by every module's tests and keeps mail until it restarts, so a test sends to a recipient of
 * its own (e.g. {@code buyer-<uuid>@bazaar.test}) or looks for what identifies its mail (an order id in the subject),
 * instead of counting a shared mailbox:
 *
 * <pre>
 * List&lt;Mailbox.Mail&gt; mails = Mailbox.test().await("alice@bazaar.test", m -&gt; m.subject().contains(orderId), 1);
 * assertThat(mails).singleElement().satisfies(m -&gt; assertThat(m.text()).contains("12.50"));
 * </pre>
 *
 * Services send through the SMTP server that {@link DevstackTestResource} (component {@code mail}) configures;
 * {@link #smtpHost()} and {@link #smtpPort()} name it for tests that send by hand.
 */
public final class Mailbox {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String api;

    private Mailbox(String api) {
        this.api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
    }

    /** The test devstack's mail server (http://localhost:13080), or the one BAZAAR_MAIL_API names. */
    public static Mailbox test() {
        return new Mailbox(External.mailApi(testProfile()));
    }

    /** The GreenMail whose HTTP API is at {@code apiUrl} (http://host:port). */
    public static Mailbox at(String apiUrl) {
        return new Mailbox(apiUrl);
    }

    /** Host of the test devstack's SMTP server (or of BAZAAR_SMTP). */
    public static String smtpHost() {
        String smtp = External.smtp(testProfile());
        return smtp.substring(0, smtp.lastIndexOf(':'));
    }

    /** Port of the test devstack's SMTP server (13025, or BAZAAR_SMTP's). */
    public static int smtpPort() {
        String smtp = External.smtp(testProfile());
        return Integer.parseInt(smtp.substring(smtp.lastIndexOf(':') + 1));
    }

    private static Profile testProfile() {
        return Profile.test(Profile.findRepoRootOrCwd());
    }

    public String apiUrl() {
        return api;
    }

    /** What the recipient's INBOX holds now, in the order it arrived; empty when nothing was ever delivered to it. */
    public List<Mail> messages(String address) {
        String url = api + "/api/user/"
                + URLEncoder.encode(address, StandardCharsets.UTF_8).replace("+", "%20") + "/messages/INBOX";
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).GET());
        if (r.statusCode() == 400) {
            // "User '...' not found": no mail has reached this address yet (its mailbox is made by the first one)
            return List.of();
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": HTTP " + r.statusCode() + " " + r.body());
        }
        try {
            List<Mail> mails = new ArrayList<>();
            for (JsonNode m : JSON.readTree(r.body())) {
                mails.add(new Mail(
                        m.path("uid").asText(),
                        m.path("subject").asText(""),
                        m.path("mimeMessage").asText("")));
            }
            return mails;
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " answered no JSON list: " + r.body(), e);
        }
    }

    /** {@link #await(String, Predicate, int)} for every mail of the recipient. */
    public List<Mail> await(String address, int expected) {
        return await(address, m -> true, expected);
    }

    /**
     * Waits (up to 30 s) until {@code expected} of the recipient's mails match, then half a second more so an
     * unexpected extra one is seen too; returns the matching ones in the order they arrived (fewer when the wait ran
     * out: assert on the size).
     */
    public List<Mail> await(String address, Predicate<Mail> match, int expected) {
        Instant deadline = Instant.now().plus(WAIT);
        Instant settle = null;
        List<Mail> found = List.of();
        while (Instant.now().isBefore(deadline)
                && (settle == null || Instant.now().isBefore(settle))) {
            found = messages(address).stream().filter(match).toList();
            if (settle == null && found.size() >= expected) {
                settle = Instant.now().plusMillis(500);
            }
            sleep(100);
        }
        return found;
    }

    /**
     * Deletes every message in every mailbox of this server. Every module's tests share it: only for a test that owns
     * the server's mail (a private devstack profile), never as a test's routine clean-up.
     */
    public void purge() {
        HttpResponse<String> r = send(
                HttpRequest.newBuilder(URI.create(api + "/api/mail/purge")).POST(HttpRequest.BodyPublishers.noBody()));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("POST " + api + "/api/mail/purge: HTTP " + r.statusCode() + " " + r.body());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The mail server's API does not answer at " + api
                            + " (is the test devstack's mail server up? bin/devstack up --profile test mail): " + e,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One delivered message: its id in the mailbox, its decoded subject, and the whole message as stored (one char
     * per byte, as GreenMail's API gives it).
     */
    public record Mail(String uid, String subject, String raw) {

        /** A header of the message, unfolded and decoded (e.g. {@code From}, {@code To}, {@code Reply-To}); null when absent. */
        public String header(String name) {
            String v = Mime.headers(raw).get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : Mime.decodeHeader(v);
        }

        public String from() {
            return header("From");
        }

        public String to() {
            return header("To");
        }

        /** The plain-text body (every {@code text/plain} part, attachments left out), decoded, lines ending in \n. */
        public String text() {
            return String.join("\n", Mime.texts(raw, "text/plain"));
        }

        /** The HTML body (every {@code text/html} part, attachments left out), decoded. */
        public String html() {
            return String.join("\n", Mime.texts(raw, "text/html"));
        }
    }
}
