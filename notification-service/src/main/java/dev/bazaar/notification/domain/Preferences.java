package dev.bazaar.notification.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which emails a person may turn off. <b>Essential</b> ones are transactional — a seller's order to ship, payouts, a
 * return escalated to the marketplace; a buyer's confirmation, shipment, cancellation, refund and return decision — and
 * always go: they cannot be muted and carry no unsubscribe link. Every other type is <b>mutable</b>: a muted one is not
 * sent to that person (the sender marks it SUPPRESSED), and each email of a mutable type carries a signed one-click
 * unsubscribe link (RFC 8058).
 *
 * <p>The essential types are an explicit list: a new type is mutable until a line here says otherwise.
 */
public final class Preferences {

    /** Transactional: always sent, never muted. Add a new type here when it must always go. */
    private static final Set<NotificationType> ESSENTIAL = Set.copyOf(EnumSet.of(
            NotificationType.SELLER_NEW_ORDER,
            NotificationType.SELLER_PAYOUT_PAID,
            NotificationType.SELLER_PAYOUT_FAILED,
            NotificationType.SELLER_RETURN_ESCALATED,
            // what happened to the shop itself and money held back: a seller must know
            NotificationType.SELLER_SHOP_REJECTED,
            NotificationType.SELLER_SHOP_SUSPENDED,
            NotificationType.SELLER_DISPUTE_OPENED,
            NotificationType.BUYER_ORDER_CONFIRMED,
            NotificationType.BUYER_SHIPMENT_DISPATCHED,
            NotificationType.BUYER_ORDER_CANCELLED,
            NotificationType.BUYER_REFUND_ISSUED,
            NotificationType.BUYER_RETURN_DECISION));

    /** Most types a caller may name in one change of preferences. */
    public static final int MAX_NAMES = 100;

    private Preferences() {}

    /** A request to mute names something that cannot be muted by this person: nothing is changed. */
    public static final class NotMutable extends RuntimeException {
        private final String name;

        NotMutable(String name, String why) {
            super(why);
            this.name = name;
        }

        /** The name as the caller gave it. */
        public String name() {
            return name;
        }
    }

    /** Always sent: a transactional email. */
    public static boolean essential(NotificationType type) {
        return ESSENTIAL.contains(type);
    }

    /** May be muted, and carries an unsubscribe link. */
    public static boolean mutable(NotificationType type) {
        return !essential(type);
    }

    /** The types sent to someone who is one of {@code audiences}, in the enum's order. */
    public static List<NotificationType> receivable(Set<Audience> audiences) {
        List<NotificationType> out = new ArrayList<>();
        for (NotificationType t : NotificationType.values()) {
            if (audiences.contains(t.audience())) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * The muted set that {@code names} ask for (template names like {@code seller-return-requested}, or enum names),
     * for someone who is one of {@code audiences}. Refused as a whole ({@link NotMutable}) when one name is unknown,
     * essential or of another audience, or there are more than {@link #MAX_NAMES}: a partial change is never made.
     */
    public static Set<NotificationType> mutedSet(Collection<String> names, Set<Audience> audiences) {
        if (names.size() > MAX_NAMES) {
            throw new NotMutable(String.valueOf(names.size()), "names at most " + MAX_NAMES + " types");
        }
        Set<NotificationType> out = EnumSet.noneOf(NotificationType.class);
        for (String name : names) {
            Optional<NotificationType> type = NotificationType.named(name);
            if (type.isEmpty()) {
                throw new NotMutable(name, "has an unknown type '" + shorten(name) + "'");
            }
            NotificationType t = type.get();
            if (!audiences.contains(t.audience())) {
                throw new NotMutable(name, "names '" + t.template() + "', which is not sent to you");
            }
            if (essential(t)) {
                throw new NotMutable(name, "names '" + t.template() + "', which is essential and cannot be muted");
            }
            out.add(t);
        }
        return out;
    }

    /** The type in words, as a person reads it: {@code seller-return-requested} → "return requested". */
    public static String describe(NotificationType type) {
        return type.template().replaceFirst("^(seller|buyer)-", "").replace('-', ' ');
    }

    private static String shorten(String name) {
        String s = name == null ? "null" : name.strip();
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
