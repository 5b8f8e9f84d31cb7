package dev.bazaar.order.messaging;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.OrderCommand;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.kit.consumer.Inbound;
import dev.bazaar.kit.consumer.Replayable;
import dev.bazaar.kit.consumer.Transients;
import dev.bazaar.order.service.Analytics;
import dev.bazaar.order.service.OrderCommands;
import dev.bazaar.order.service.Shops;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * order-service's inputs: checkout's commands (replies in the same transaction as the events), payment's events (and
 * its payouts, for the analytics) and shop events (who owns which shop). Each decodes the record and hands it to the service ({@link OrderCommands},
 * {@link Shops}); a transient failure is waited out in place. Unreadable records go to the topic's DLQ; a DLQ replay
 * runs the same handlers (Replayable).
 */
@ApplicationScoped
public class OrderConsumers implements Replayable {

    private final OrderCommands commands;
    private final Shops shops;
    private final Analytics analytics;

    public OrderConsumers(OrderCommands commands, Shops shops, Analytics analytics) {
        this.commands = commands;
        this.shops = shops;
        this.analytics = analytics;
    }

    @Override
    public Map<String, Function<String, Uni<Void>>> replayHandlers() {
        return Map.of(
                Topic.ORDER_COMMANDS.topicName(),
                this::command,
                Topic.PAYMENT_EVENTS.topicName(),
                this::payment,
                Topic.SHOP_EVENTS.topicName(),
                this::shop);
    }

    @Incoming("order-commands")
    public Uni<Void> command(String json) {
        Envelope<?> env = Inbound.decode(Topic.ORDER_COMMANDS, json);
        return Transients.retried("order.commands " + env.type(), () -> switch ((OrderCommand) env.payload()) {
            case OrderCommand.PlaceOrder p -> commands.place(env, p);
            case OrderCommand.CancelOrder c -> commands.cancel(env, c);
        });
    }

    @Incoming("payment-events")
    public Uni<Void> payment(String json) {
        Envelope<?> env = Inbound.decode(Topic.PAYMENT_EVENTS, json);
        return Transients.retried("payment.events " + env.type(), () -> switch ((PaymentEvent) env.payload()) {
            case PaymentEvent.PaymentCaptured c -> commands.paymentCaptured(env, c);
            case PaymentEvent.RefundSucceeded r -> commands.refundSucceeded(env, r);
            case PaymentEvent.PayoutPaid p -> analytics.payoutPaid(p, env.occurredAt());
            default -> Uni.createFrom().voidItem();
        });
    }

    @Incoming("shop-events")
    public Uni<Void> shop(String json) {
        Envelope<?> env = Inbound.decode(Topic.SHOP_EVENTS, json);
        ShopEvent e = (ShopEvent) env.payload();
        return Transients.retried(
                "catalog.shop-events " + env.type(), () -> shops.record(e, env.aggregateVersion(), env.occurredAt()));
    }
}
