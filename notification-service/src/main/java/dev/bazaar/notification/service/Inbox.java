package dev.bazaar.notification.service;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.kit.web.PageRequest;
import dev.bazaar.notification.domain.InboxRules;
import dev.bazaar.notification.persistence.InboxStore;
import dev.bazaar.notification.persistence.InboxStore.Listing;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The portal's inbox of the caller: a seller's own items, and for an admin the admins' shared inbox (one read state
 * for all admins: an item one admin read is read for the others). A user with both roles sees both.
 */
@ApplicationScoped
public class Inbox {

    private final InboxStore store;

    public Inbox(InboxStore store) {
        this.store = store;
    }

    /** The inboxes {@code user} reads: their subject as a seller, {@code role:admin} as an admin. */
    public static List<String> recipientsOf(CurrentUser user) {
        List<String> recipients = new ArrayList<>();
        if (user.hasRole("seller")) {
            recipients.add(user.subject());
        }
        if (user.hasRole("admin")) {
            recipients.add(InboxRules.ADMINS);
        }
        if (recipients.isEmpty()) {
            throw new IllegalStateException("no inbox for roles " + user.roles());
        }
        return List.copyOf(recipients);
    }

    public Uni<Listing> list(List<String> recipients, PageRequest page, boolean unreadOnly) {
        return store.list(recipients, page.offset(), page.size(), unreadOnly);
    }

    public Uni<Long> unread(List<String> recipients) {
        return store.unread(recipients);
    }

    /** Marks an item read (again: nothing changes); 404 when it is not in the caller's inboxes. */
    public Uni<Void> markRead(List<String> recipients, UUID id) {
        return store.markRead(recipients, id).map(found -> {
            if (!found) {
                throw new ProblemException.NotFound("No inbox item " + id + ".");
            }
            return null;
        });
    }

    /** Marks every unread item of the caller's inboxes read; returns how many. */
    public Uni<Integer> markAllRead(List<String> recipients) {
        return store.markAllRead(recipients);
    }
}
