package dev.bazaar.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code bazaar.inbox.*}: the portal inbox's live unread count (server-sent events, InboxResource's stream). */
@ConfigMapping(prefix = "bazaar.inbox")
public interface InboxConfig {

    /** How often an open stream sends a comment, so proxies keep an idle connection open. */
    @WithDefault("25s")
    Duration heartbeat();

    /**
     * How long a stream stays open at most: the portal's EventSource then connects again, with the user's refreshed
     * token.
     */
    @WithDefault("30m")
    Duration streamMax();
}
