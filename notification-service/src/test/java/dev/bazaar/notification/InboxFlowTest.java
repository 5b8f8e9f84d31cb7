package dev.bazaar.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.notification.domain.NotificationPlan;
import dev.bazaar.notification.service.InboxStreams;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/**
 * The portal's inbox from Kafka to the live badge: a seller's new order adds one item (once, however often the event
 * comes) and the open stream's unread count goes up; marking it read brings it down. An escalated return also goes to
 * the admins' shared inbox. Nobody reads or marks someone else's item; buyers have no inbox; bad input changes nothing.
 */
@QuarkusTest
class InboxFlowTest extends NotificationDevstack {

    private static final String INBOX = "/api/v1/notifications";

    @Inject
    Pool pool;

    @Inject
    InboxStreams streams;

    @Test
    void aSellersNewOrderRaisesTheLiveUnreadCountOnceAndReadingItLowersIt() throws Exception {
        // a seller made for this test: other modules' events on the shared topics never reach their inbox, so the
        // counts below move only with this test's events
        FreshUsers.User seller = FreshUsers.create("seller");
        String sam = seller.subject();
        String token = KeycloakTokens.user(seller.username());
        try (Stream stream = Stream.open(token)) {
            assertThat(stream.await(n -> true)).as("a new seller's inbox").isZero();
            // the shop's approval is the seller's first item (its email's inbox twin)
            UUID prints = Events.approvedShop(sam, "Sam's Prints");
            long before = stream.await(n -> n >= 1);
            assertThat(before).isEqualTo(1).isEqualTo(unread(token));
            UUID order = UUID.randomUUID();
            String ref = NotificationPlan.orderRef(order);
            OrderEvent.OrderPlaced placed = Events.placed(
                    order, KeycloakViewUsers.subject("alice"), List.of(Events.group(prints, "Print " + ref, 1, 4_500)));
            Events.send(Events.envelope(placed, 1));
            Envelope<OrderEvent.OrderPaid> paid =
                    Events.envelope(new OrderEvent.OrderPaid(order, placed.paymentId(), placed.total()), 2);
            Events.send(paid);

            // pushed by the database's notification, within seconds of the event
            long raised = stream.await(n -> n > before);
            assertThat(raised).isEqualTo(before + 1);
            Map<String, Object> item = item(token, "New order " + ref + " to ship");
            assertThat(item)
                    .containsEntry("type", "seller-new-order")
                    .containsEntry("link", "/orders/" + order)
                    .containsEntry("read", false);
            String id = (String) item.get("id");

            // a redelivery adds no item (and no count): a later event of the order shows it was handled before
            Events.send(paid);
            Events.send(Events.envelope(
                    new OrderEvent.ReturnEscalated(order, UUID.randomUUID(), prints, Instant.now()), 3));
            assertThat(stream.await(n -> n == before + 2)).isEqualTo(before + 2);
            assertThat(items(paid.id())).isEqualTo(1);

            // another seller, and the admins, neither read nor mark it: 404, and it stays unread
            for (String other : List.of("bob", "admin")) {
                given().auth()
                        .oauth2(KeycloakTokens.user(other))
                        .post(INBOX + "/" + id + "/read")
                        .then()
                        .statusCode(404)
                        .contentType("application/problem+json");
                assertThat(titles(KeycloakTokens.user(other))).doesNotContain("New order " + ref + " to ship");
            }
            assertThat(item(token, "New order " + ref + " to ship")).containsEntry("read", false);

            given().auth().oauth2(token).post(INBOX + "/" + id + "/read").then().statusCode(204);
            assertThat(stream.await(n -> n == before + 1)).isEqualTo(before + 1);
            assertThat(item(token, "New order " + ref + " to ship")).containsEntry("read", true);
            // API.md's ?unread=true lists only what is unread: the read item is not in it, the escalation is
            List<String> unreadTitles = given().auth()
                    .oauth2(token)
                    .queryParam("unread", true)
                    .queryParam("size", 100)
                    .get(INBOX)
                    .then()
                    .statusCode(200)
                    .body("total", org.hamcrest.Matchers.equalTo((int) before + 1))
                    .extract()
                    .path("items.title");
            assertThat(unreadTitles)
                    .doesNotContain("New order " + ref + " to ship")
                    .contains("Return on order " + ref + " escalated to the marketplace");
            // again: still 204, nothing changes
            given().auth().oauth2(token).post(INBOX + "/" + id + "/read").then().statusCode(204);
            assertThat(unread(token)).isEqualTo(before + 1);

            given().auth().oauth2(token).post(INBOX + "/read-all").then().statusCode(200);
            assertThat(stream.await(n -> n == 0)).isZero();
            assertThat(unread(token)).isZero();
        }
        // the stream's feed ends with its last stream
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.feeds() == 0);
    }

    @Test
    void anEscalatedReturnGoesToItsSellerAndToTheAdminsSharedInbox() {
        String bob = KeycloakViewUsers.subject("bob");
        UUID mugs = Events.approvedShop(bob, "Bob's Mugs");
        UUID order = UUID.randomUUID();
        String ref = NotificationPlan.orderRef(order);
        String title = "Return on order " + ref + " escalated to the marketplace";
        Events.send(Events.envelope(new OrderEvent.ReturnEscalated(order, UUID.randomUUID(), mugs, Instant.now()), 1));

        String admin = KeycloakTokens.user("admin");
        String seller = KeycloakTokens.user("bob");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> titles(admin).contains(title) && titles(seller).contains(title));
        assertThat(item(admin, title))
                .containsEntry("type", "seller-return-escalated")
                .containsEntry("link", "/admin#returns")
                .containsEntry("read", false);
        assertThat(item(seller, title)).containsEntry("link", "/orders/" + order);

        // the admins' item is theirs: reading it leaves the seller's unread
        given().auth()
                .oauth2(admin)
                .post(INBOX + "/" + item(admin, title).get("id") + "/read")
                .then()
                .statusCode(204);
        assertThat(item(admin, title)).containsEntry("read", true);
        assertThat(item(seller, title)).containsEntry("read", false);
    }

    @Test
    void buyersHaveNoInboxAndBadInputChangesNothing() {
        String alice = KeycloakTokens.user("alice");
        UUID any = UUID.randomUUID();
        given().auth().oauth2(alice).get(INBOX).then().statusCode(403);
        given().auth().oauth2(alice).get(INBOX + "/unread-count").then().statusCode(403);
        given().auth()
                .oauth2(alice)
                .accept("text/event-stream")
                .get(INBOX + "/stream")
                .then()
                .statusCode(403);
        given().auth().oauth2(alice).post(INBOX + "/" + any + "/read").then().statusCode(403);
        given().auth().oauth2(alice).post(INBOX + "/read-all").then().statusCode(403);
        given().get(INBOX).then().statusCode(401);
        given().accept("text/event-stream").get(INBOX + "/stream").then().statusCode(401);

        FreshUsers.User fresh = FreshUsers.create("seller");
        String bob = KeycloakTokens.user(fresh.username());
        long unread = unread(bob);
        for (String[] bad : new String[][] {{"size", "0"}, {"size", "101"}, {"page", "-1"}}) {
            given().auth()
                    .oauth2(bob)
                    .queryParam(bad[0], bad[1])
                    .get(INBOX)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        given().auth()
                .oauth2(bob)
                .post(INBOX + "/not-a-uuid/read")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(bob)
                .post(INBOX + "/" + any + "/read")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertThat(unread(bob)).isEqualTo(unread);
        given().auth().oauth2(bob).queryParam("size", 100).get(INBOX).then().statusCode(200);
    }

    private static long unread(String token) {
        return given().auth()
                .oauth2(token)
                .get(INBOX + "/unread-count")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("unread");
    }

    private static List<String> titles(String token) {
        return page(token).getList("items.title", String.class);
    }

    private static Map<String, Object> item(String token, String title) {
        // the count may have risen for another of the seller's items first (other tests' events share the topic)
        await().atMost(Duration.ofSeconds(10)).until(() -> titles(token).contains(title));
        JsonPath page = page(token);
        List<Map<String, Object>> found = page.<Map<String, Object>>getList("items").stream()
                .filter(i -> title.equals(i.get("title")))
                .toList();
        assertThat(found).as("items titled %s in %s", title, page.prettify()).hasSize(1);
        return found.getFirst();
    }

    private static JsonPath page(String token) {
        return given().auth()
                .oauth2(token)
                .queryParam("size", 100)
                .get(INBOX)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private long items(UUID sourceEvent) {
        return pool.preparedQuery("SELECT count(*) AS n FROM inbox_item WHERE source_event_id = $1")
                .execute(Tuple.of(sourceEvent))
                .await()
                .atMost(Duration.ofSeconds(5))
                .iterator()
                .next()
                .getLong("n");
    }

    /** The inbox's event stream as the portal reads it: the unread counts it showed, in order. */
    private static final class Stream implements AutoCloseable {
        private final List<Long> counts = new CopyOnWriteArrayList<>();
        private final CompletableFuture<HttpResponse<InputStream>> response;

        private Stream(String token) {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(RestAssured.baseURI + ":" + RestAssured.port + INBOX + "/stream"))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream")
                    .build();
            response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
            var unused = response.thenAccept(r -> {
                assertThat(r.statusCode()).isEqualTo(200);
                try (var in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("data:")) {
                            counts.add(new io.vertx.core.json.JsonObject(
                                            line.substring(5).trim())
                                    .getLong("unread"));
                        }
                    }
                } catch (IOException e) {
                    // closed by the test
                }
            });
        }

        static Stream open(String token) {
            return new Stream(token);
        }

        /** The first count (from the latest on) that {@code wanted} accepts, within 15 s. */
        long await(LongPredicate wanted) {
            Instant deadline = Instant.now().plusSeconds(15);
            while (Instant.now().isBefore(deadline)) {
                if (!counts.isEmpty() && wanted.test(counts.getLast())) {
                    return counts.getLast();
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            throw new AssertionError("no wanted unread count within 15 s; counts seen: " + counts);
        }

        @Override
        public void close() throws Exception {
            response.get(5, TimeUnit.SECONDS).body().close();
        }
    }
}
