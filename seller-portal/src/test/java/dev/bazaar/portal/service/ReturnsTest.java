package dev.bazaar.portal.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReturnsTest {

    @Test
    void everyReasonCodeTheOrderServiceKnowsReadsAsWords() {
        assertThat(Returns.reason("DAMAGED")).isEqualTo("Damaged");
        assertThat(Returns.reason("NOT_AS_DESCRIBED")).isEqualTo("Not as described");
        assertThat(Returns.reason("WRONG_ITEM")).isEqualTo("Wrong item");
        assertThat(Returns.reason("NO_LONGER_NEEDED")).isEqualTo("No longer needed");
        assertThat(Returns.reason("OTHER")).isEqualTo("Other");
    }

    @Test
    void everyReturnStatusReadsAsWords() {
        assertThat(Returns.status("REQUESTED")).isEqualTo("Waiting for your decision");
        assertThat(Returns.status("ESCALATED")).isEqualTo("Waiting for a decision (overdue)");
        assertThat(Returns.status("AWAITING_ITEMS")).isEqualTo("Waiting for the items to come back");
        assertThat(Returns.status("APPROVED")).isEqualTo("Approved and refunded");
        assertThat(Returns.status("REJECTED")).isEqualTo("Rejected");
    }

    @Test
    void aCodeOrStatusNotKnownYetIsShownAsItIsAndNoneAsNothing() {
        assertThat(Returns.reason("SMELLS_ODD")).isEqualTo("SMELLS_ODD");
        assertThat(Returns.status("ARCHIVED")).isEqualTo("ARCHIVED");
        assertThat(Returns.reason(null)).isEmpty();
        assertThat(Returns.status(null)).isEmpty();
    }
}
