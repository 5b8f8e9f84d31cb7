package dev.bazaar.notification.service;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.notification.config.NotificationConfig;
import dev.bazaar.notification.domain.NotificationType;
import dev.bazaar.notification.domain.Preferences;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed one-click unsubscribe links (RFC 8058) of mutable emails:
 * {@code <api-url>/api/v1/unsubscribe?token=<token>}, where the token is
 * {@code base64url(subject) "." type "." base64url(HMAC-SHA256(secret, "unsubscribe\n" subject "\n" TYPE))} — it names
 * whom and what to mute, and only the holder of {@code bazaar.notifications.unsubscribe-secret} can make one. Tokens do
 * not expire (an unsubscribe link must work as long as the email is read); rotating the secret voids every link sent.
 * The signature is compared in constant time. Refusals never change anything: a damaged token is 400, a signature
 * that does not match 403, a (validly signed) essential type 400.
 */
@ApplicationScoped
@Startup // a missing or short secret stops the service at start, not at its first email
public class UnsubscribeTokens {

    /** The path the links point at, under the API's public URL. */
    public static final String PATH = "/api/v1/unsubscribe";

    private static final int MIN_SECRET = 32;
    /** The longest token read (the resource's limit too): a subject of at most 255 characters signs well under it. */
    public static final int MAX_TOKEN = 1_000;

    private static final int MAX_SUBJECT = 255;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

    /** What a valid token asks: mute {@code type} for {@code subject}. */
    public record Unsubscribe(String subject, NotificationType type) {}

    private final SecretKeySpec key;
    private final String base;

    @Inject
    public UnsubscribeTokens(NotificationConfig config) {
        this(config.unsubscribeSecret(), config.apiUrl());
    }

    private UnsubscribeTokens(String secret, String apiUrl) {
        if (secret == null || secret.length() < MIN_SECRET) {
            throw new IllegalStateException("bazaar.notifications.unsubscribe-secret (UNSUBSCRIBE_SECRET) must be at "
                    + "least " + MIN_SECRET + " characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.base = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    }

    /** Tokens signed with {@code secret}, links under {@code apiUrl}: for tests. */
    public static UnsubscribeTokens of(String secret, String apiUrl) {
        return new UnsubscribeTokens(secret, apiUrl);
    }

    /** The token that mutes {@code type} for {@code subject}. */
    public String token(String subject, NotificationType type) {
        return B64.encodeToString(subject.getBytes(StandardCharsets.UTF_8)) + "." + type.template() + "."
                + B64.encodeToString(mac(subject, type));
    }

    /** The link of an email of a mutable type; empty for an essential one (it carries none). */
    public Optional<String> link(String subject, NotificationType type) {
        return Preferences.essential(type)
                ? Optional.empty()
                : Optional.of(base + PATH + "?token=" + token(subject, type));
    }

    /** What {@code token} asks, or a problem (400 damaged or essential, 403 not signed by us). */
    public Unsubscribe verify(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN) {
            throw damaged();
        }
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 3) {
            throw damaged();
        }
        String subject;
        byte[] signature;
        try {
            subject = new String(UNB64.decode(parts[0]), StandardCharsets.UTF_8);
            signature = UNB64.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw damaged();
        }
        Optional<NotificationType> type =
                NotificationType.named(parts[1]).filter(t -> t.template().equals(parts[1]));
        if (subject.isBlank() || subject.length() > MAX_SUBJECT || type.isEmpty()) {
            throw damaged();
        }
        if (!MessageDigest.isEqual(mac(subject, type.get()), signature)) {
            throw new ProblemException(
                    "forged-unsubscribe-token", "Forbidden", 403, "This unsubscribe link was not issued by us.");
        }
        if (Preferences.essential(type.get())) {
            throw new ProblemException(
                    "essential-notification",
                    "Invalid request",
                    400,
                    "'" + type.get().template()
                            + "' emails are essential (orders, payouts, refunds): they cannot be turned off.");
        }
        return new Unsubscribe(subject, type.get());
    }

    private byte[] mac(String subject, NotificationType type) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(("unsubscribe\n" + subject + "\n" + type.name()).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static ProblemException damaged() {
        return new ProblemException(
                "invalid-unsubscribe-token",
                "Invalid request",
                400,
                "This unsubscribe link is incomplete or damaged: open it exactly as it is in the email.");
    }
}
