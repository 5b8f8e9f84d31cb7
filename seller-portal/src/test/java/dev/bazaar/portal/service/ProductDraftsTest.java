package dev.bazaar.portal.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProductDraftsTest {

    @Test
    void dollarsTypedInAFormBecomeMinorUnitsOrNothing() {
        assertThat(ProductDrafts.cents("12.50")).isEqualTo(1_250L);
        assertThat(ProductDrafts.cents("$3")).isEqualTo(300L);
        assertThat(ProductDrafts.cents(" 0.99 ")).isEqualTo(99L);
        assertThat(ProductDrafts.cents("1.999")).as("no fractions of a cent").isNull();
        assertThat(ProductDrafts.cents("twelve")).isNull();
        assertThat(ProductDrafts.cents("")).isNull();
    }
}
