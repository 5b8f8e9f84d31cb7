package dev.bazaar.catalog.domain;

import static dev.bazaar.catalog.domain.ProductStatus.ACTIVE;
import static dev.bazaar.catalog.domain.ProductStatus.ARCHIVED;
import static dev.bazaar.catalog.domain.ProductStatus.DRAFT;
import static dev.bazaar.catalog.domain.ProductStatus.PENDING_REVIEW;
import static dev.bazaar.catalog.domain.ProductStatus.REJECTED;
import static dev.bazaar.catalog.domain.ProductStatus.TAKEN_DOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.catalog.domain.ProductStatus.Action;
import org.junit.jupiter.api.Test;

class ProductStatusTest {

    @Test
    void aDraftIsSubmittedThenApprovedOrRejectedAndARejectedOneMayBeResubmitted() {
        assertThat(DRAFT.after(Action.SUBMIT)).isEqualTo(PENDING_REVIEW);
        assertThat(PENDING_REVIEW.after(Action.APPROVE)).isEqualTo(ACTIVE);
        assertThat(PENDING_REVIEW.after(Action.REJECT)).isEqualTo(REJECTED);
        assertThat(REJECTED.after(Action.SUBMIT)).isEqualTo(PENDING_REVIEW);
    }

    @Test
    void anythingButAnArchivedOrTakenDownProductCanBeArchived() {
        for (ProductStatus s : new ProductStatus[] {DRAFT, PENDING_REVIEW, ACTIVE, REJECTED}) {
            assertThat(s.after(Action.ARCHIVE)).isEqualTo(ARCHIVED);
        }
        assertThatThrownBy(() -> ARCHIVED.after(Action.ARCHIVE)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> TAKEN_DOWN.after(Action.ARCHIVE))
                .isInstanceOf(IllegalTransition.class)
                .hasMessage("a product that is TAKEN_DOWN cannot be archived");
    }

    @Test
    void onlyALiveProductIsTakenDownAndOnlyATakenDownOneIsReinstated() {
        assertThat(ACTIVE.after(Action.TAKE_DOWN)).isEqualTo(TAKEN_DOWN);
        assertThat(TAKEN_DOWN.after(Action.REINSTATE)).isEqualTo(ACTIVE);
        for (ProductStatus s : ProductStatus.values()) {
            if (s != ACTIVE) {
                assertThatThrownBy(() -> s.after(Action.TAKE_DOWN))
                        .isInstanceOf(IllegalTransition.class)
                        .hasMessage("a product that is " + s + " cannot be taken down");
            }
            if (s != TAKEN_DOWN) {
                assertThatThrownBy(() -> s.after(Action.REINSTATE))
                        .isInstanceOf(IllegalTransition.class)
                        .hasMessage("a product that is " + s + " cannot be restored");
            }
        }
    }

    @Test
    void anArchivedProductIsRestoredAsADraftThatMustBeReviewedAgain() {
        assertThat(ARCHIVED.after(Action.UNARCHIVE)).isEqualTo(DRAFT);
        for (ProductStatus s : ProductStatus.values()) {
            if (s != ARCHIVED) {
                assertThatThrownBy(() -> s.after(Action.UNARCHIVE)).isInstanceOf(IllegalTransition.class);
            }
        }
        assertThatThrownBy(() -> DRAFT.after(Action.APPROVE)).isInstanceOf(IllegalTransition.class);
    }

    @Test
    void reviewOnlyHappensToPendingProducts() {
        assertThatThrownBy(() -> DRAFT.after(Action.APPROVE))
                .isInstanceOf(IllegalTransition.class)
                .hasMessage("a product that is DRAFT cannot be approved");
        assertThatThrownBy(() -> ACTIVE.after(Action.REJECT)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> ACTIVE.after(Action.SUBMIT)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> ARCHIVED.after(Action.SUBMIT)).isInstanceOf(IllegalTransition.class);
    }

    @Test
    void onlyDraftsAreDeletable() {
        assertThat(DRAFT.deletable()).isTrue();
        assertThat(ACTIVE.deletable()).isFalse();
        assertThat(ARCHIVED.deletable()).isFalse();
        assertThat(TAKEN_DOWN.deletable()).isFalse();
    }
}
