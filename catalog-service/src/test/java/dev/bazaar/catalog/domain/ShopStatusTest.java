package dev.bazaar.catalog.domain;

import static dev.bazaar.catalog.domain.ShopStatus.APPROVED;
import static dev.bazaar.catalog.domain.ShopStatus.PENDING_APPROVAL;
import static dev.bazaar.catalog.domain.ShopStatus.REJECTED;
import static dev.bazaar.catalog.domain.ShopStatus.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.catalog.domain.ShopStatus.Review;
import org.junit.jupiter.api.Test;

class ShopStatusTest {

    @Test
    void aPendingShopIsApprovedOrRejected() {
        assertThat(PENDING_APPROVAL.after(Review.APPROVE)).isEqualTo(APPROVED);
        assertThat(PENDING_APPROVAL.after(Review.REJECT)).isEqualTo(REJECTED);
    }

    @Test
    void anApprovedShopCanBeSuspendedAndReinstated() {
        assertThat(APPROVED.after(Review.SUSPEND)).isEqualTo(SUSPENDED);
        assertThat(SUSPENDED.after(Review.APPROVE)).isEqualTo(APPROVED);
    }

    @Test
    void everyOtherMoveIsIllegal() {
        assertThatThrownBy(() -> PENDING_APPROVAL.after(Review.SUSPEND))
                .isInstanceOf(IllegalTransition.class)
                .hasMessage("a shop that is PENDING_APPROVAL cannot be suspended");
        assertThatThrownBy(() -> APPROVED.after(Review.APPROVE)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> APPROVED.after(Review.REJECT)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> REJECTED.after(Review.APPROVE)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> REJECTED.after(Review.SUSPEND)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> SUSPENDED.after(Review.SUSPEND)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> SUSPENDED.after(Review.REJECT)).isInstanceOf(IllegalTransition.class);
    }

    @Test
    void onlyARejectedShopIsResubmittedAndItIsPendingAgain() {
        assertThat(REJECTED.resubmitted()).isEqualTo(PENDING_APPROVAL);
        assertThatThrownBy(PENDING_APPROVAL::resubmitted)
                .isInstanceOf(IllegalTransition.class)
                .hasMessage("a shop that is PENDING_APPROVAL cannot be resubmitted: only a rejected one can");
        assertThatThrownBy(APPROVED::resubmitted).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(SUSPENDED::resubmitted).isInstanceOf(IllegalTransition.class);
    }
}
