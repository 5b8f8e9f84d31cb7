package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.AdminOrderClient.History;
import dev.bazaar.portal.client.AdminOrderClient.Search;
import dev.bazaar.portal.client.AdminPaymentClient.Payment;
import dev.bazaar.portal.client.AdminPaymentClient.Refund;
import dev.bazaar.portal.client.CatalogClient.Shop;
import dev.bazaar.portal.rest.Viewer.Who;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import java.util.Map;

/**
 * The admin console's pages ({@code templates/admin-<name>.html}), apart from {@link Templates} so the console grows
 * without touching the seller pages' list; parameters are checked against the templates at build time.
 */
@CheckedTemplate(defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
public class AdminTemplates {

    /**
     * The order search: {@code query} the filters as typed (orderId, buyer, shopId, from, to), {@code found} null with
     * {@code message} saying why when the order service refused or could not search.
     */
    public static native TemplateInstance adminOrders(
            Who viewer, Map<String, String> query, Search found, String nextQuery, String message);

    /**
     * One order for an admin: {@code now} its whole history and current state, {@code then} the history and state as of
     * {@code asOf} (null without time travel), {@code payment} null (with {@code paymentProblem}) when the payment
     * service could not give it, {@code refundKeys} a fresh idempotency key per shop for its refund form, {@code notice}
     * the outcome of a refund just made, {@code message} why one was refused.
     */
    public static native TemplateInstance adminOrder(
            Who viewer,
            History now,
            History then,
            String asOf,
            Payment payment,
            String paymentProblem,
            Map<String, String> refundKeys,
            String notice,
            String message);

    /** The dead-letter queues of each service ({@code queues} per service name; {@code problems} why one is missing). */
    public static native TemplateInstance adminDeadLetters(
            Who viewer,
            Map<String, List<DeadLetterRow>> queues,
            Map<String, String> problems,
            String notice,
            String message);

    /** Shops in {@code status} with suspend / reinstate; {@code more}: a next page exists. */
    public static native TemplateInstance adminShops(
            Who viewer,
            String status,
            List<String> statuses,
            List<Shop> shops,
            int page,
            boolean more,
            String problem,
            String message);

    /** Refunds the provider refused (or still awaited), with retry; {@code notice}: a retry's outcome. */
    public static native TemplateInstance adminRefunds(
            Who viewer, String status, List<Refund> refunds, String problem, String notice, String message);

    /** A dead-letter queue of a service, as the page lists it. */
    public record DeadLetterRow(
            String service, String topic, long depth, List<dev.bazaar.portal.client.DeadLetterClient.Letter> letters) {}
}
