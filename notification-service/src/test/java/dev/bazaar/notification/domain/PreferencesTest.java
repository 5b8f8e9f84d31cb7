package dev.bazaar.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreferencesTest {

    @Test
    void transactionalEmailsAreEssentialAndTheRestMayBeMuted() {
        assertThat(NotificationType.values())
                .filteredOn(Preferences::essential)
                .containsExactlyInAnyOrder(
                        NotificationType.SELLER_NEW_ORDER,
                        NotificationType.SELLER_PAYOUT_PAID,
                        NotificationType.SELLER_PAYOUT_FAILED,
                        NotificationType.SELLER_RETURN_ESCALATED,
                        NotificationType.SELLER_SHOP_REJECTED,
                        NotificationType.SELLER_SHOP_SUSPENDED,
                        NotificationType.SELLER_DISPUTE_OPENED,
                        NotificationType.BUYER_ORDER_CONFIRMED,
                        NotificationType.BUYER_SHIPMENT_DISPATCHED,
                        NotificationType.BUYER_ORDER_CANCELLED,
                        NotificationType.BUYER_REFUND_ISSUED,
                        NotificationType.BUYER_RETURN_DECISION);
        assertThat(Preferences.mutable(NotificationType.SELLER_RETURN_REQUESTED))
                .isTrue();
        assertThat(Preferences.mutable(NotificationType.BUYER_GROUP_DELIVERED)).isTrue();
        assertThat(Preferences.mutable(NotificationType.SELLER_PRODUCT_APPROVED))
                .isTrue();
        assertThat(Preferences.mutable(NotificationType.SELLER_PRODUCT_REJECTED))
                .isTrue();
        assertThat(Preferences.mutable(NotificationType.SELLER_SHOP_APPROVED)).isTrue();
        assertThat(Preferences.mutable(NotificationType.SELLER_NEW_ORDER)).isFalse();
    }

    @Test
    void eachAudienceReceivesOnlyItsOwnTypes() {
        assertThat(Preferences.receivable(Set.of(Audience.SELLER)))
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t.audience()).isEqualTo(Audience.SELLER))
                .contains(NotificationType.SELLER_NEW_ORDER, NotificationType.SELLER_RETURN_REQUESTED);
        assertThat(Preferences.receivable(Set.of(Audience.BUYER)))
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t.audience()).isEqualTo(Audience.BUYER));
        assertThat(Preferences.receivable(Set.of(Audience.SELLER, Audience.BUYER)))
                .hasSize(NotificationType.values().length);
        assertThat(Preferences.receivable(Set.of())).isEmpty();
    }

    @Test
    void aSellerMutesMutableSellerTypesByTemplateOrEnumName() {
        assertThat(Preferences.mutedSet(
                        List.of("seller-return-requested", "SELLER_RETURN_REQUESTED"), Set.of(Audience.SELLER)))
                .containsExactly(NotificationType.SELLER_RETURN_REQUESTED);
        assertThat(Preferences.mutedSet(List.of(), Set.of(Audience.SELLER))).isEmpty();
    }

    @Test
    void anUnknownEssentialOrOtherAudiencesTypeRefusesTheWholeRequest() {
        assertThatThrownBy(() -> Preferences.mutedSet(
                        List.of("seller-return-requested", "seller-spam"), Set.of(Audience.SELLER)))
                .isInstanceOf(Preferences.NotMutable.class)
                .hasMessageContaining("unknown type 'seller-spam'");
        assertThatThrownBy(() -> Preferences.mutedSet(List.of("seller-new-order"), Set.of(Audience.SELLER)))
                .isInstanceOf(Preferences.NotMutable.class)
                .hasMessageContaining("essential");
        assertThatThrownBy(() -> Preferences.mutedSet(List.of("buyer-group-delivered"), Set.of(Audience.SELLER)))
                .isInstanceOf(Preferences.NotMutable.class)
                .hasMessageContaining("not sent to you");
        assertThatThrownBy(() -> Preferences.mutedSet(Collections.singletonList(null), Set.of(Audience.SELLER)))
                .isInstanceOf(Preferences.NotMutable.class);
        assertThatThrownBy(() -> Preferences.mutedSet(
                        Collections.nCopies(Preferences.MAX_NAMES + 1, "seller-return-requested"),
                        Set.of(Audience.SELLER)))
                .isInstanceOf(Preferences.NotMutable.class);
    }
}
