package dev.bazaar.catalog.domain;

/**
 * A product's life: a seller drafts it and submits it for review; an admin approves (ACTIVE, sellable) or rejects it;
 * a rejected product can be resubmitted; the seller can archive it (it leaves search and keeps its order history) and
 * later restore it as a draft, which must pass review again before it is sold. An admin can take a live product down
 * (TAKEN_DOWN: out of search and carts) and restore it; until then its seller cannot archive it, so a take-down is
 * never laundered into a fresh draft. Only a draft may be deleted outright.
 */
public enum ProductStatus {
    DRAFT,
    PENDING_REVIEW,
    ACTIVE,
    REJECTED,
    ARCHIVED,
    TAKEN_DOWN;

    /**
     * What happens to a product: SUBMIT, ARCHIVE and UNARCHIVE are the seller's; APPROVE, REJECT, TAKE_DOWN and
     * REINSTATE the admins'.
     */
    public enum Action {
        SUBMIT,
        APPROVE,
        REJECT,
        ARCHIVE,
        UNARCHIVE,
        TAKE_DOWN,
        REINSTATE
    }

    public ProductStatus after(Action action) {
        ProductStatus next = switch (action) {
            case SUBMIT -> this == DRAFT || this == REJECTED ? PENDING_REVIEW : null;
            case APPROVE -> this == PENDING_REVIEW ? ACTIVE : null;
            case REJECT -> this == PENDING_REVIEW ? REJECTED : null;
            case ARCHIVE -> this != ARCHIVED && this != TAKEN_DOWN ? ARCHIVED : null;
            case UNARCHIVE -> this == ARCHIVED ? DRAFT : null;
            case TAKE_DOWN -> this == ACTIVE ? TAKEN_DOWN : null;
            case REINSTATE -> this == TAKEN_DOWN ? ACTIVE : null;
        };
        if (next == null) {
            throw new IllegalTransition("a product that is " + this + " cannot be "
                    + switch (action) {
                        case SUBMIT -> "submitted";
                        case APPROVE -> "approved";
                        case REJECT -> "rejected";
                        case ARCHIVE -> "archived";
                        case UNARCHIVE, REINSTATE -> "restored";
                        case TAKE_DOWN -> "taken down";
                    });
        }
        return next;
    }

    public boolean deletable() {
        return this == DRAFT;
    }
}
