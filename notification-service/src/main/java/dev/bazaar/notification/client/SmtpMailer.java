package dev.bazaar.notification.client;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The SMTP server, through Quarkus' reactive mailer ({@code quarkus.mailer.*}): one email handed over. A server that
 * accepts the connection and never answers, or closes it before its greeting (the mailer would wait on), fails the
 * send after {@code bazaar.notifications.send-timeout} seconds: SmallRye Fault Tolerance's {@code @Timeout}, whose
 * {@code dev.bazaar.notification.client.SmtpMailer/send/Timeout/value} application.properties binds to that setting.
 */
@ApplicationScoped
public class SmtpMailer {

    private final ReactiveMailer mailer;

    public SmtpMailer(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    /** Hands {@code mail} to the SMTP server; a failure or no answer in time fails the Uni (the sender retries). */
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    public Uni<Void> send(Mail mail) {
        return mailer.send(mail);
    }
}
