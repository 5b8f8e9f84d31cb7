package dev.bazaar.catalog.domain;

/**
 * A product's life: a seller drafts it and submits it for review; an admin approves (ACTIVE, sellable) or rejects it;
 * a rejected product can be resubmitted; the seller can archive it at any time (it leaves search and keeps its order
 * history). Only a draft may be deleted outright.
 */
public enum ProductStatus {
    DRAFT, PENDING_REVIEW, ACTIVE, REJECTED, ARCHIVED;

    public enum Action {
        SUBMIT, APPROVE, REJECT, ARCHIVE
    }

    public ProductStatus after(Action action) {
        ProductStatus next = switch (action) {
            case SUBMIT -> this == DRAFT || this == REJECTED ? PENDING_REVIEW : null;
            case APPROVE -> this == PENDING_REVIEW ? ACTIVE : null;
            case REJECT -> this == PENDING_REVIEW ? REJECTED : null;
            case ARCHIVE -> this != ARCHIVED ? ARCHIVED : null;
        };
        if (next == null) {
            throw new IllegalTransition("a product that is " + this + " cannot be " + switch (action) {
                case SUBMIT -> "submitted";
                case APPROVE -> "approved";
                case REJECT -> "rejected";
                case ARCHIVE -> "archived";
            });
        }
        return next;
    }

    public boolean deletable() {
        return this == DRAFT;
    }
}
