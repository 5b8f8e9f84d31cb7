package dev.bazaar.notification.domain;

/** Who a notification is for: links go to the seller portal or to the buyer app. */
public enum Audience {
    SELLER,
    BUYER
}
