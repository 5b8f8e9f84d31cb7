package dev.bazaar.catalog.domain;

import dev.bazaar.catalog.domain.ProductStatus.Action;
import org.junit.jupiter.api.Test;

import static dev.bazaar.catalog.domain.ProductStatus.ACTIVE;
import static dev.bazaar.catalog.domain.ProductStatus.ARCHIVED;
import static dev.bazaar.catalog.domain.ProductStatus.DRAFT;
import static dev.bazaar.catalog.domain.ProductStatus.PENDING_REVIEW;
import static dev.bazaar.catalog.domain.ProductStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductStatusTest {

    @Test
    void aDraftIsSubmittedThenApprovedOrRejectedAndARejectedOneMayBeResubmitted() {
        assertThat(DRAFT.after(Action.SUBMIT)).isEqualTo(PENDING_REVIEW);
        assertThat(PENDING_REVIEW.after(Action.APPROVE)).isEqualTo(ACTIVE);
        assertThat(PENDING_REVIEW.after(Action.REJECT)).isEqualTo(REJECTED);
        assertThat(REJECTED.after(Action.SUBMIT)).isEqualTo(PENDING_REVIEW);
    }

    @Test
    void anythingButAnArchivedProductCanBeArchived() {
        for (ProductStatus s : new ProductStatus[] { DRAFT, PENDING_REVIEW, ACTIVE, REJECTED }) {
            assertThat(s.after(Action.ARCHIVE)).isEqualTo(ARCHIVED);
        }
        assertThatThrownBy(() -> ARCHIVED.after(Action.ARCHIVE)).isInstanceOf(IllegalTransition.class);
    }

    @Test
    void reviewOnlyHappensToPendingProducts() {
        assertThatThrownBy(() -> DRAFT.after(Action.APPROVE)).isInstanceOf(IllegalTransition.class)
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
    }
}
