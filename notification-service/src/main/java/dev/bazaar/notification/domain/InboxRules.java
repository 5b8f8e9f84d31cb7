package dev.bazaar.notification.domain;

import dev.bazaar.notification.domain.NotificationPlan.Planned;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which planned notifications also show in the portal's inbox, and as what: every seller's notification goes to that
 * seller's inbox; the types an admin must act on go to the admins' shared inbox ({@value #ADMINS}) too, once per event.
 * An item's title is the email's subject without the marketplace's prefix, its link a portal path built from the type
 * and the data — ids and references only, never an address or a name.
 */
public final class InboxRules {

    /** The recipient of the admins' shared inbox (one read state for all admins). */
    public static final String ADMINS = "role:admin";

    /**
     * The types admins must act on, with where in the portal they do it. Adding a type is one line here.
     */
    static final Map<NotificationType, String> FOR_ADMINS = Map.of(
            NotificationType.SELLER_RETURN_ESCALATED, "/admin#returns",
            NotificationType.SELLER_DISPUTE_OPENED, "/admin");

    /** Any marketplace name: {@link NotificationType#subject} prefixes it, the inbox takes it off again. */
    private static final String PREFIXED = "inbox";

    /** One inbox item: for whom, of which type, its title and the portal path it opens. */
    public record Item(String recipient, NotificationType type, String title, String link) {}

    private InboxRules() {}

    /** The inbox items of an event's planned notifications (none for buyers' emails), each (recipient, type) once. */
    public static List<Item> itemsOf(List<Planned> planned) {
        Map<String, Item> items = new LinkedHashMap<>();
        for (Planned p : planned) {
            if (p.type().audience() == Audience.SELLER) {
                add(items, new Item(p.recipientSubject(), p.type(), title(p), sellerLink(p.data())));
            }
            String admins = FOR_ADMINS.get(p.type());
            if (admins != null) {
                add(items, new Item(ADMINS, p.type(), title(p), admins));
            }
        }
        return new ArrayList<>(items.values());
    }

    /** Whether admins see a type in their shared inbox. */
    public static boolean forAdmins(NotificationType type) {
        return FOR_ADMINS.containsKey(type);
    }

    /** The email's subject line without the marketplace's "[name] " prefix. */
    static String title(Planned p) {
        String subject = p.type().subject(PREFIXED, p.data());
        String prefix = "[" + PREFIXED + "] ";
        return subject.startsWith(prefix) ? subject.substring(prefix.length()) : subject;
    }

    /** A seller's link: the order when there is one, payouts for a payout, else the dashboard. */
    static String sellerLink(Map<String, Object> data) {
        Object order = data.get("orderId");
        if (order != null && !String.valueOf(order).isBlank()) {
            return "/orders/" + order;
        }
        if (data.containsKey("payoutId")) {
            return "/payouts";
        }
        Object product = data.get("productId");
        if (product != null && !String.valueOf(product).isBlank()) {
            return "/products/" + product;
        }
        return "/";
    }

    private static void add(Map<String, Item> items, Item item) {
        items.putIfAbsent(item.recipient() + " " + item.type().name(), item);
    }
}
