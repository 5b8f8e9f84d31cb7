package dev.bazaar.catalog.domain;

/**
 * A shop's life: opened → reviewed by an admin → approved or rejected; an approved shop can be suspended and a
 * suspended one reinstated (approved again); a rejected shop's seller may change it and resubmit it (pending
 * again, back in the admins' queue). Every other move is an {@link IllegalTransition}.
 */
public enum ShopStatus {
    PENDING_APPROVAL,
    APPROVED,
    REJECTED,
    SUSPENDED;

    /** What an admin does to a shop. */
    public enum Review {
        APPROVE,
        REJECT,
        SUSPEND
    }

    public ShopStatus after(Review review) {
        ShopStatus next = switch (review) {
            case APPROVE -> this == PENDING_APPROVAL || this == SUSPENDED ? APPROVED : null;
            case REJECT -> this == PENDING_APPROVAL ? REJECTED : null;
            case SUSPEND -> this == APPROVED ? SUSPENDED : null;
        };
        if (next == null) {
            throw new IllegalTransition("a shop that is " + this + " cannot be " + past(review));
        }
        return next;
    }

    /** The seller asks for another review after a rejection: only a rejected shop goes back to the queue. */
    public ShopStatus resubmitted() {
        if (this != REJECTED) {
            throw new IllegalTransition("a shop that is " + this + " cannot be resubmitted: only a rejected one can");
        }
        return PENDING_APPROVAL;
    }

    private static String past(Review review) {
        return switch (review) {
            case APPROVE -> "approved";
            case REJECT -> "rejected";
            case SUSPEND -> "suspended";
        };
    }
}
