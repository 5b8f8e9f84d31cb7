package dev.bazaar.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.notification.domain.NotificationType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {

    private static final String SECRET = "a-unit-test-secret-of-at-least-32-characters";
    private final UnsubscribeTokens tokens = UnsubscribeTokens.of(SECRET, "https://bazaar.example.com/");

    @Test
    void aMutableEmailsLinkNamesItsRecipientAndTypeAndVerifies() {
        String link =
                tokens.link("sub-123", NotificationType.SELLER_RETURN_REQUESTED).orElseThrow();
        assertThat(link)
                .startsWith("https://bazaar.example.com/api/v1/unsubscribe?token=")
                .matches(".*token=[A-Za-z0-9_.-]+");
        String token = link.substring(link.indexOf("token=") + 6);
        assertThat(tokens.verify(token))
                .isEqualTo(new UnsubscribeTokens.Unsubscribe("sub-123", NotificationType.SELLER_RETURN_REQUESTED));
    }

    @Test
    void anEssentialEmailHasNoLinkAndASignedEssentialTokenIsRefused() {
        assertThat(tokens.link("sub-123", NotificationType.SELLER_NEW_ORDER)).isEmpty();
        assertThat(tokens.link("sub-123", NotificationType.BUYER_REFUND_ISSUED)).isEmpty();
        assertThatThrownBy(() -> tokens.verify(tokens.token("sub-123", NotificationType.SELLER_PAYOUT_PAID)))
                .isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.status()).isEqualTo(400))
                .hasMessageContaining("essential");
    }

    @Test
    void anotherSubjectOrTypeUnderTheSameSignatureOrAnotherSecretIsForged() {
        String token = tokens.token("sub-123", NotificationType.SELLER_RETURN_REQUESTED);
        String[] parts = token.split("\\.", -1);
        String otherSubject =
                Base64.getUrlEncoder().withoutPadding().encodeToString("sub-999".getBytes(StandardCharsets.UTF_8)) + "."
                        + parts[1] + "." + parts[2];
        String otherType = parts[0] + ".buyer-group-delivered." + parts[2];
        String otherSecret = UnsubscribeTokens.of(SECRET + "x", "https://bazaar.example.com")
                .token("sub-123", NotificationType.SELLER_RETURN_REQUESTED);
        for (String forged : new String[] {otherSubject, otherType, otherSecret}) {
            assertThatThrownBy(() -> tokens.verify(forged))
                    .isInstanceOfSatisfying(
                            ProblemException.class, p -> assertThat(p.status()).isEqualTo(403));
        }
    }

    @Test
    void aDamagedTokenIsABadRequest() {
        String token = tokens.token("sub-123", NotificationType.SELLER_RETURN_REQUESTED);
        for (String damaged : new String[] {
            null,
            "",
            " ",
            "abc",
            token + ".x",
            token.replace(".", ""),
            "!!!." + token.substring(token.indexOf('.') + 1),
            token.replace("seller-return-requested", "nope"),
            token.replace("seller-return-requested", "SELLER_RETURN_REQUESTED"),
            "." + token.split("\\.", 2)[1],
            "x".repeat(2_000)
        }) {
            assertThatThrownBy(() -> tokens.verify(damaged))
                    .as(String.valueOf(damaged))
                    .isInstanceOfSatisfying(
                            ProblemException.class, p -> assertThat(p.status()).isEqualTo(400));
        }
    }

    @Test
    void aShortSecretIsRefusedAtStart() {
        assertThatThrownBy(() -> UnsubscribeTokens.of("too-short", "http://localhost:8088"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UNSUBSCRIBE_SECRET");
    }
}
