package dev.bazaar.catalog.domain;

/** A shop's life: opened → reviewed by an admin → approved or rejected; an approved shop can be suspended. */
public enum ShopStatus {
    PENDING_APPROVAL, APPROVED, REJECTED, SUSPENDED
}
