package dev.bazaar.portal.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.portal.service.OrderFilters.Filter;
import dev.bazaar.portal.service.OrderFilters.Paging;
import org.junit.jupiter.api.Test;

class OrderFiltersTest {

    @Test
    void filtersAsTypedBecomeTheOrderServicesParametersAndTheNextPagesQuery() {
        Filter f = OrderFilters.read(" paid ", "2026-11-01", "2026-11-01", "on", "2");
        assertThat(f.errors()).isEmpty();
        assertThat(f.statusParam()).isEqualTo("PAID");
        assertThat(f.fromParam()).isEqualTo("2026-11-01");
        assertThat(f.toParam()).as("a single day: from and to are inclusive").isEqualTo("2026-11-01");
        assertThat(f.needsActionParam()).isTrue();
        assertThat(f.page()).isEqualTo(2);
        assertThat(f.query(3)).isEqualTo("status=PAID&from=2026-11-01&to=2026-11-01&needsAction=true&page=3");
        assertThat(f.query(0)).as("the first page needs no page").doesNotContain("page");
    }

    @Test
    void nothingTypedIsNoFilter() {
        Filter f = OrderFilters.read(null, "", "  ", null, null);
        assertThat(f).isEqualTo(Filter.NONE);
        assertThat(f.statusParam()).isNull();
        assertThat(f.fromParam()).isNull();
        assertThat(f.needsActionParam()).as("an unchecked box is not sent").isNull();
        assertThat(f.query(1)).isEqualTo("page=1");
    }

    @Test
    void partlyShippedIsAStatusToFilterByAndReadsAsWords() {
        Filter f = OrderFilters.read("Partially_Shipped", null, null, null, null);
        assertThat(f.errors()).isEmpty();
        assertThat(f.statusParam()).isEqualTo("PARTIALLY_SHIPPED");
        assertThat(OrderFilters.label("PARTIALLY_SHIPPED")).isEqualTo("Partly shipped");
        assertThat(OrderFilters.label("PAID")).as("the others read as they are").isEqualTo("PAID");
    }

    @Test
    void whatCannotBeRightIsSaidInWords() {
        assertThat(OrderFilters.read("", "2026-12-02", "2026-12-01", "", "").errors())
                .containsExactly("The start date 2026-12-02 is after the end date 2026-12-01.");
        assertThat(OrderFilters.read("LOST", "2026-02-30", "1/12/2026", "", "x").errors())
                .containsExactly(
                        "Status must be one of PLACED, PAID, PARTIALLY_SHIPPED, SHIPPED, DELIVERED, CANCELLED.",
                        "The start date must be a date written yyyy-MM-dd (e.g. 2026-12-01), not 2026-02-30.",
                        "The end date must be a date written yyyy-MM-dd (e.g. 2026-12-01), not 1/12/2026.",
                        "The page must be a whole number from 0.");
    }

    @Test
    void thePagerCountsPagesOfTheTotalAndNeverGoesBeforeTheFirstOrPastTheLast() {
        assertThat(new Paging(0, 20, 0).pages()).isEqualTo(1);
        assertThat(new Paging(0, 20, 40).pages()).isEqualTo(2);
        assertThat(new Paging(0, 20, 41).pages()).isEqualTo(3);
        Paging first = new Paging(0, 20, 45);
        assertThat(first.hasPrevious()).isFalse();
        assertThat(first.hasNext()).isTrue();
        assertThat(first.number()).isEqualTo(1);
        Paging last = new Paging(2, 20, 45);
        assertThat(last.hasNext()).isFalse();
        assertThat(last.previous()).isEqualTo(1);
        assertThat(new Paging(9, 20, 45).previous())
                .as("from past the end, back to the last page")
                .isEqualTo(2);
    }
}
