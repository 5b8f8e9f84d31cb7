package dev.bazaar.review.domain;

import java.time.Instant;

/** The reviewed shop's one public answer, editable by its owner: {@code createdAt} stays, {@code updatedAt} moves. */
public record Reply(String body, String sellerSubject, Instant createdAt, Instant updatedAt) {}
