package dev.bazaar.checkout.messaging;

import dev.bazaar.checkout.domain.saga.CheckoutSaga;
import dev.bazaar.checkout.service.Sagas;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.InventoryReply;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.OrderReply;
import dev.bazaar.contracts.messaging.PaymentReply;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.kit.consumer.Inbound;
import dev.bazaar.kit.consumer.Replayable;
import dev.bazaar.kit.consumer.Transients;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The replies of inventory, payment and order, keyed by saga id. Each is one saga transition; duplicates and
 * redeliveries are decided as such by the saga (no state change). A transient failure (the database away) is waited
 * out in place with backoff (Transients) rather than dead-lettered: a lost reply would leave the saga to its timeout.
 * Unreadable or invalid records go to the topic's DLQ; a DLQ replay runs the same handlers (Replayable).
 */
@ApplicationScoped
public class SagaReplies implements Replayable {

    private static final Logger LOG = Logger.getLogger(SagaReplies.class);

    private final Sagas sagas;

    public SagaReplies(Sagas sagas) {
        this.sagas = sagas;
    }

    @Override
    public Map<String, Function<String, Uni<Void>>> replayHandlers() {
        return Map.of(
                Topic.INVENTORY_REPLIES.topicName(),
                this::inventory,
                Topic.PAYMENT_REPLIES.topicName(),
                this::payment,
                Topic.ORDER_REPLIES.topicName(),
                this::order);
    }

    @Incoming("inventory-replies")
    public Uni<Void> inventory(String json) {
        Envelope<?> env = Inbound.decode(Topic.INVENTORY_REPLIES, json);
        return handle(((InventoryReply) env.payload()).sagaId(), env);
    }

    @Incoming("payment-replies")
    public Uni<Void> payment(String json) {
        Envelope<?> env = Inbound.decode(Topic.PAYMENT_REPLIES, json);
        return handle(((PaymentReply) env.payload()).sagaId(), env);
    }

    @Incoming("order-replies")
    public Uni<Void> order(String json) {
        Envelope<?> env = Inbound.decode(Topic.ORDER_REPLIES, json);
        return handle(((OrderReply) env.payload()).sagaId(), env);
    }

    private Uni<Void> handle(UUID sagaId, Envelope<?> env) {
        Message reply = env.payload();
        return Transients.retried(
                        reply.type() + " for saga " + sagaId,
                        () -> sagas.handle(sagaId, new CheckoutSaga.Reply(reply), reply.type(), env.id()))
                .invoke(found -> {
                    if (found.isEmpty()) {
                        LOG.debugf("%s for unknown saga %s ignored", reply.type(), sagaId);
                    }
                })
                .replaceWithVoid();
    }
}
