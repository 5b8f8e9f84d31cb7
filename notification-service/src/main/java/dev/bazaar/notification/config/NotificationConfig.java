package dev.bazaar.notification.config;

import dev.bazaar.notification.domain.SendPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code bazaar.notifications.*}: what the emails say about the marketplace, where their links go, how sends retry. */
@ConfigMapping(prefix = "bazaar.notifications")
public interface NotificationConfig {

    /** The marketplace's name, in every subject line and signature. */
    @WithDefault("Bazaar")
    String marketplaceName();

    /** The sender, e.g. {@code Bazaar <no-reply@bazaar.example>}. */
    String from();

    /** The seller portal as sellers' browsers reach it: sellers' links go there. */
    String portalUrl();

    /** The buyer app as buyers reach it: buyers' links go there. */
    String buyerAppUrl();

    /**
     * The public API as recipients' mail clients reach it (e.g. {@code https://bazaar.example.com}): one-click
     * unsubscribe links point at {@code <api-url>/api/v1/unsubscribe}.
     */
    String apiUrl();

    /**
     * The key of the unsubscribe links' signatures (HMAC-SHA256, at least 32 characters; production:
     * {@code UNSUBSCRIBE_SECRET}). Changing it invalidates every link already sent.
     */
    String unsubscribeSecret();

    /** Attempts before a send is DEAD (8: with the backoff below, about two hours of an SMTP outage). */
    @WithDefault("8")
    int maxAttempts();

    /** The wait after the first failed attempt; it doubles after each further one. */
    @WithDefault("30s")
    Duration firstBackoff();

    /** The longest wait between two attempts. */
    @WithDefault("30m")
    Duration maxBackoff();

    /**
     * How many seconds the SMTP server has to take an email before the send counts as failed (retried): the value of
     * SmtpMailer.send's SmallRye Fault Tolerance {@code @Timeout}, which application.properties binds to this setting
     * ({@code dev.bazaar.notification.client.SmtpMailer/send/Timeout/value=${bazaar.notifications.send-timeout}}), so
     * a whole number of seconds without a unit ({@code 30}, not {@code 30s}: fault tolerance reads a number). The
     * recipient's lookup before it has its own timeout (KeycloakUsers, 5 s).
     */
    @WithDefault("30")
    long sendTimeout();

    /** How many due sends one claim takes; a tick claims again while claims come back full (see drainFor). */
    @WithDefault("50")
    int batchSize();

    /** How many sends of a batch are in flight at once (the mailer's SMTP connection pool holds 10). */
    @WithDefault("8")
    int sendConcurrency();

    /** How long one tick keeps claiming full batches before it yields to the next tick (a backlog drains at once). */
    @WithDefault("20s")
    Duration drainFor();

    /**
     * How long a claimed send is someone's: a send whose sender died before it could say SENT or failed is due again
     * after this (so a crash may send one email twice; nothing is ever lost).
     */
    @WithDefault("5m")
    Duration claimTimeout();

    /**
     * How long an event waits (from when it occurred) for the owner of a shop in it to be known from
     * catalog.shop-events; after that the event is planned without that seller's email, logged. The channel waits with
     * the event (in place, in order), so keep it short.
     */
    @WithDefault("30s")
    Duration ownerWait();

    /**
     * Events older than this tell nobody anything (their facts are still kept): a first deployment reading the topics'
     * history, or a consumer group reset to the start, does not email people about last month's orders.
     */
    @WithDefault("2d")
    Duration maxEventAge();

    /** How often the leader looks for due sends (a duration; read by SenderJob's {@code @Scheduled}). */
    @WithDefault("2s")
    String sendInterval();

    default SendPolicy policy() {
        return new SendPolicy(maxAttempts(), firstBackoff(), maxBackoff());
    }
}
