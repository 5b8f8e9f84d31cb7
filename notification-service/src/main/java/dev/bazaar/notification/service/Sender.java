package dev.bazaar.notification.service;

import dev.bazaar.notification.client.SmtpMailer;
import dev.bazaar.notification.config.NotificationConfig;
import dev.bazaar.notification.domain.Preferences;
import dev.bazaar.notification.domain.SendPolicy;
import dev.bazaar.notification.persistence.NotificationQueue;
import dev.bazaar.notification.persistence.NotificationQueue.Claimed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Sends what is due: claims a batch of queued sends, looks each recipient up (Keycloak, cached), renders the templates
 * and hands the email to the SMTP server ({@link SmtpMailer}: no answer within {@code send-timeout} is a failure). A
 * send that fails is due again after the policy's backoff, or DEAD after its last attempt. A send of a type its
 * recipient muted is SUPPRESSED instead (looked up when it falls due, so muting also stops mail already queued); an
 * email of a mutable type carries the RFC 8058 one-click unsubscribe headers and link (UnsubscribeTokens). Logs and
 * stored errors name the notification and the recipient's subject, never an address (SendPolicy.describe takes
 * addresses out of SMTP replies).
 */
@ApplicationScoped
public class Sender {

    private static final Logger LOG = Logger.getLogger(Sender.class);

    /** What one tick did. */
    public record Tick(int sent, int failed, int dead, int suppressed) {
        @Override
        public String toString() {
            return sent + " sent, " + failed + " failed, " + dead + " dead, " + suppressed + " suppressed";
        }

        Tick plus(Tick other) {
            return new Tick(sent + other.sent, failed + other.failed, dead + other.dead, suppressed + other.suppressed);
        }
    }

    private final NotificationQueue queue;
    private final Recipients recipients;
    private final Renderer renderer;
    private final SmtpMailer smtp;
    private final NotificationConfig config;
    private final SendPolicy policy;
    private final Counter sent;
    private final Counter failed;
    private final Counter dead;
    private final Counter suppressed;
    private final UnsubscribeTokens unsubscribe;
    private final AtomicLong pending = new AtomicLong();

    public Sender(
            NotificationQueue queue,
            Recipients recipients,
            Renderer renderer,
            SmtpMailer smtp,
            NotificationConfig config,
            MeterRegistry registry,
            UnsubscribeTokens unsubscribe) {
        this.queue = queue;
        this.recipients = recipients;
        this.renderer = renderer;
        this.smtp = smtp;
        this.config = config;
        this.policy = config.policy();
        this.sent = Counter.builder("bazaar.notifications.sent")
                .description("emails handed to the SMTP server")
                .register(registry);
        this.failed = Counter.builder("bazaar.notifications.failed")
                .description("failed send attempts (each retried or, after the last, dead)")
                .register(registry);
        this.dead = Counter.builder("bazaar.notifications.dead")
                .description("sends given up after the last attempt")
                .register(registry);
        this.suppressed = Counter.builder("bazaar.notifications.suppressed")
                .description("sends not made because the recipient muted their type")
                .register(registry);
        this.unsubscribe = unsubscribe;
        registry.gauge("bazaar.notifications.queued", pending);
    }

    /**
     * One pass: claims a batch of due sends and sends it, {@code send-concurrency} at a time; while batches come back
     * full (a backlog) it claims again, for at most {@code drain-for}; then the queued gauge is refreshed.
     */
    public Uni<Tick> sendDue() {
        return drain(new Tick(0, 0, 0, 0), System.nanoTime() + config.drainFor().toNanos())
                .flatMap(tick -> queue.pending().invoke(pending::set).replaceWith(tick));
    }

    private Uni<Tick> drain(Tick sofar, long until) {
        Instant now = Instant.now();
        return queue.claimDue(now, now.plus(config.claimTimeout()), config.batchSize())
                .flatMap(batch -> Multi.createFrom()
                        .iterable(batch)
                        .onItem()
                        .transformToUni(this::send)
                        .merge(config.sendConcurrency())
                        .collect()
                        .asList()
                        .flatMap(outcomes -> {
                            Tick total = sofar.plus(tick(outcomes));
                            return batch.size() >= config.batchSize() && System.nanoTime() < until
                                    ? drain(total, until)
                                    : Uni.createFrom().item(total);
                        }));
    }

    private enum Outcome {
        SENT,
        FAILED,
        DEAD,
        SUPPRESSED
    }

    private Uni<Outcome> send(Claimed c) {
        Uni<Boolean> muted = Preferences.mutable(c.type())
                ? queue.suppressIfMuted(c.id())
                : Uni.createFrom().item(false);
        return muted.flatMap(m ->
                        m ? Uni.createFrom().item(Outcome.SUPPRESSED).invoke(() -> suppressed.increment()) : deliver(c))
                .onFailure()
                .recoverWithUni(e -> failedAttempt(c, e));
    }

    private Uni<Outcome> deliver(Claimed c) {
        String link = unsubscribe.link(c.recipientSubject(), c.type()).orElse(null);
        return recipients
                .of(c.recipientSubject())
                .flatMap(to -> {
                    Renderer.Rendered r = renderer.render(c.type(), c.data(), to.name(), link);
                    Mail mail = Mail.withHtml(to.email(), r.subject(), r.html())
                            .setText(r.text())
                            .setFrom(config.from());
                    if (link != null) {
                        // RFC 8058: a mail client's own "unsubscribe" button POSTs List-Unsubscribe=One-Click there
                        mail.addHeader("List-Unsubscribe", "<" + link + ">")
                                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
                    }
                    return smtp.send(mail);
                })
                .flatMap(v -> queue.markSent(c.id(), Instant.now())
                        .invoke(() -> sent.increment())
                        .replaceWith(Outcome.SENT));
    }

    private Uni<Outcome> failedAttempt(Claimed c, Throwable e) {
        failed.increment();
        String error = SendPolicy.describe(e);
        SendPolicy.AfterFailure next = e instanceof Recipients.Unreachable
                ? new SendPolicy.Dead()
                : policy.afterFailure(c.attempts(), Instant.now());
        return switch (next) {
            case SendPolicy.RetryAt retry -> {
                // not the exception itself: an SMTP reply often repeats the recipient's address, which describe()
                // takes out (logs name subjects only); and an SMTP outage fails every send this way, attempt after
                // attempt, so one line each
                LOG.warnf(
                        "notification %s (%s to %s) failed, attempt %d of %d, again at %s: %s",
                        c.id(), c.type(), c.recipientSubject(), c.attempts(), config.maxAttempts(), retry.at(), error);
                yield queue.markFailed(c.id(), retry.at(), error).replaceWith(Outcome.FAILED);
            }
            case SendPolicy.Dead d -> {
                LOG.errorf(
                        "notification %s (%s to %s) is DEAD after %d attempts: %s",
                        c.id(), c.type(), c.recipientSubject(), c.attempts(), error);
                dead.increment();
                yield queue.markFailed(c.id(), null, error).replaceWith(Outcome.DEAD);
            }
        };
    }

    private static Tick tick(List<Outcome> outcomes) {
        return new Tick(
                (int) outcomes.stream().filter(o -> o == Outcome.SENT).count(),
                (int) outcomes.stream().filter(o -> o == Outcome.FAILED).count(),
                (int) outcomes.stream().filter(o -> o == Outcome.DEAD).count(),
                (int) outcomes.stream().filter(o -> o == Outcome.SUPPRESSED).count());
    }
}
