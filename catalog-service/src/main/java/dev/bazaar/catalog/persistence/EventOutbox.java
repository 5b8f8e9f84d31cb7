package dev.bazaar.catalog.persistence;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.kit.outbox.SessionOutbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appends an event to the kit outbox in the current Hibernate Reactive transaction (the kit's {@link SessionOutbox}):
 * it commits or rolls back with the entity change. Call it after the aggregate's row lock (the repositories'
 * {@code lock…} methods), so appends of one key are ordered as their commits.
 */
@ApplicationScoped
public class EventOutbox {

    public Uni<Void> append(Envelope<? extends Message> envelope) {
        return Panache.getSession().flatMap(session -> SessionOutbox.append(session, envelope));
    }
}
