package dev.bazaar.portal.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationsTest {

    @Test
    void typesReadAsWordsAndUnknownOnesAreSpelledOut() {
        assertThat(Notifications.type("seller-new-order")).isEqualTo("New order to ship");
        assertThat(Notifications.type("dispute-opened")).isEqualTo("Dispute opened");
        assertThat(Notifications.type(null)).isEmpty();
    }

    @Test
    void onlyPathsOfThisPortalAreLinks() {
        assertThat(Notifications.portalPath("/orders/c0ffee00")).isEqualTo("/orders/c0ffee00");
        assertThat(Notifications.portalPath("/admin#returns")).isEqualTo("/admin#returns");
        for (String other : new String[] {
            "//evil.example/x", "https://evil.example/", "javascript:alert(1)", "/\\evil.example", null
        }) {
            assertThat(Notifications.portalPath(other)).as(other).isNull();
        }
    }

    @Test
    void theTypesShownButNotTickedAreMuted() {
        assertThat(Notifications.muted(List.of("a", "b", "c", "b"), List.of("b")))
                .containsExactly("a", "c");
        assertThat(Notifications.muted(List.of("a"), List.of("a"))).isEmpty();
    }
}
