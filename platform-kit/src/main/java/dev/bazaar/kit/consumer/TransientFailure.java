package dev.bazaar.kit.consumer;

/**
 * Marks an exception of a service's own as transient — the cause will pass (a provider outage, a lost optimistic
 * race) — so consumers try the message again instead of dead-lettering it. See {@link Transients}.
 */
public interface TransientFailure {}
