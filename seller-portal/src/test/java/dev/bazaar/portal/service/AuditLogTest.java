package dev.bazaar.portal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.portal.service.AuditLog.Action;
import dev.bazaar.portal.service.AuditLog.Answer;
import dev.bazaar.portal.service.AuditLog.Page;
import dev.bazaar.portal.service.AuditLog.Row;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditLogTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    /** A row of {@code service} at T0 + {@code second}s. */
    private static Row row(String service, long seq, String request, String phase, int second) {
        return new Row(
                seq,
                request,
                phase,
                T0.plusSeconds(second),
                service,
                "admin-sub",
                "Ada",
                "POST",
                "/api/v1/admin/x",
                AuditLog.COMPLETED.equals(phase) ? 200 : null,
                null,
                null,
                null);
    }

    private static List<String> ids(Page page) {
        return page.actions().stream()
                .map(a -> a.service() + ":" + a.requestId() + (a.outcomeRecorded() ? "" : "?")
                        + (a.requested() == null ? "!" : ""))
                .toList();
    }

    @Test
    void servicesAreMergedByTimeNewestFirstAndARequestsTwoRowsAreOneAction() {
        Answer catalog = new Answer(
                "catalog",
                List.of(
                        row("catalog", 4, "c2", "COMPLETED", 40),
                        row("catalog", 3, "c2", "REQUESTED", 39),
                        row("catalog", 2, "c1", "COMPLETED", 11),
                        row("catalog", 1, "c1", "REQUESTED", 10)),
                null);
        Answer order = new Answer("order", List.of(row("order", 7, "o1", "REQUESTED", 30)), null);
        Page page = AuditLog.merge(List.of(catalog, order), Map.of(), 50);
        assertThat(ids(page)).containsExactly("catalog:c2", "order:o1?", "catalog:c1");
        Action c2 = page.actions().get(0);
        assertThat(c2.requested().seq()).isEqualTo(3);
        assertThat(c2.completed().seq()).isEqualTo(4);
        assertThat(c2.at()).as("when it was asked").isEqualTo(T0.plusSeconds(39));
        assertThat(page.next())
                .as("every service answered less than a page: nothing older")
                .isNull();
        assertThat(page.silent()).isEmpty();
    }

    @Test
    void aPageTakesTheNewestRowsAndEachServiceGoesOnWhereItsShownRowsEnd() {
        Answer catalog = new Answer(
                "catalog",
                List.of(
                        row("catalog", 10, "c5", "REQUESTED", 50),
                        row("catalog", 9, "c4", "REQUESTED", 20),
                        row("catalog", 8, "c3", "REQUESTED", 5)),
                null);
        Answer order = new Answer(
                "order",
                List.of(
                        row("order", 30, "o3", "REQUESTED", 40),
                        row("order", 29, "o2", "REQUESTED", 30),
                        row("order", 28, "o1", "REQUESTED", 1)),
                null);
        Page page = AuditLog.merge(List.of(catalog, order), Map.of("review", "end"), 3);
        assertThat(ids(page)).containsExactly("catalog:c5?", "order:o3?", "order:o2?");
        assertThat(page.next()).isEqualTo("review:end,catalog:10,order:29");

        Map<String, String> cursors = AuditLog.cursors(page.next(), Set.of("catalog", "order", "review"));
        assertThat(AuditLog.before(cursors.get("catalog"))).isEqualTo(10L);
        assertThat(AuditLog.done(cursors.get("review"))).isTrue();
        Answer catalog2 = new Answer(
                "catalog",
                List.of(row("catalog", 9, "c4", "REQUESTED", 20), row("catalog", 8, "c3", "REQUESTED", 5)),
                null);
        Answer order2 = new Answer("order", List.of(row("order", 28, "o1", "REQUESTED", 1)), null);
        Page older = AuditLog.merge(List.of(catalog2, order2), cursors, 3);
        assertThat(ids(older)).containsExactly("catalog:c4?", "catalog:c3?", "order:o1?");
        assertThat(older.next())
                .as("both answered less than asked and all is shown")
                .isNull();
    }

    @Test
    void aServiceWhoseFullPageWasNotAllShownStillHasMore() {
        Answer catalog = new Answer(
                "catalog",
                List.of(row("catalog", 2, "c2", "REQUESTED", 2), row("catalog", 1, "c1", "REQUESTED", 1)),
                null);
        Answer order = new Answer(
                "order", List.of(row("order", 5, "o5", "REQUESTED", 50), row("order", 4, "o4", "REQUESTED", 40)), null);
        Page page = AuditLog.merge(List.of(catalog, order), Map.of(), 2);
        assertThat(ids(page)).containsExactly("order:o5?", "order:o4?");
        assertThat(page.next())
                .as("catalog not asked before: from its newest again")
                .isEqualTo("order:4");
    }

    @Test
    void aPageNeverEndsBetweenARequestsTwoRows() {
        Answer catalog = new Answer(
                "catalog",
                List.of(
                        row("catalog", 6, "c3", "REQUESTED", 60),
                        row("catalog", 5, "c2", "COMPLETED", 50),
                        row("catalog", 4, "c1", "REQUESTED", 45),
                        row("catalog", 3, "c2", "REQUESTED", 40)),
                null);
        Page page = AuditLog.merge(List.of(catalog), Map.of(), 3);
        assertThat(ids(page))
                .as("c2's COMPLETED waits for the next page with its REQUESTED")
                .containsExactly("catalog:c3?");
        assertThat(page.next()).isEqualTo("catalog:6");
    }

    @Test
    void aRequestLongerThanAPageIsShownCompletedWithoutItsRequestedRow() {
        Answer catalog = new Answer(
                "catalog",
                List.of(row("catalog", 9, "c1", "COMPLETED", 90), row("catalog", 8, "c2", "REQUESTED", 80)),
                null);
        Page page = AuditLog.merge(List.of(catalog), Map.of(), 2);
        assertThat(ids(page)).containsExactly("catalog:c1!", "catalog:c2?");
        assertThat(page.actions().get(0).at()).isEqualTo(T0.plusSeconds(90));
        assertThat(page.next()).isEqualTo("catalog:8");
    }

    @Test
    void aServiceThatDidNotAnswerIsNamedAndAskedAgainFromWhereItWas() {
        Answer catalog = new Answer("catalog", null, "The service did not answer.");
        Answer order = new Answer("order", List.of(row("order", 3, "o1", "REQUESTED", 3)), null);
        Page page = AuditLog.merge(List.of(catalog, order), Map.of("catalog", "17"), 50);
        assertThat(page.silent()).containsExactly(Map.entry("catalog", "The service did not answer."));
        assertThat(ids(page)).containsExactly("order:o1?");
        assertThat(page.next()).as("only a silent service left: no older page").isNull();
    }

    @Test
    void rowsAreKnownByTheConsolesNameOfTheirServiceNotTheApplicationsName() {
        Row applicationNamed = new Row(
                9, "c1", "REQUESTED", T0, "catalog-service", "admin-sub", "Ada", "POST", "/x", null, null, null, null);
        Page page = AuditLog.merge(List.of(new Answer("catalog", List.of(applicationNamed), null)), Map.of(), 1);
        assertThat(ids(page)).containsExactly("catalog:c1?");
        assertThat(page.next()).isEqualTo("catalog:9");
    }

    @Test
    void theSameRequestIdInTwoServicesIsTwoActions() {
        Answer catalog = new Answer("catalog", List.of(row("catalog", 1, "same", "REQUESTED", 1)), null);
        Answer order = new Answer(
                "order",
                List.of(row("order", 1, "same", "COMPLETED", 2), row("order", 0, "same", "REQUESTED", 1)),
                null);
        assertThat(ids(AuditLog.merge(List.of(catalog, order), Map.of(), 50)))
                .containsExactly("order:same", "catalog:same?");
    }

    @Test
    void aLinkThisPageDidNotMakeIsRefused() {
        Set<String> services = Set.of("catalog", "order");
        assertThat(AuditLog.cursors(null, services)).isEmpty();
        assertThat(AuditLog.cursors("catalog:12,nosuch:3", services)).containsExactly(Map.entry("catalog", "12"));
        for (String bad : new String[] {
            "catalog:0",
            "catalog:-1",
            "catalog:x",
            "catalog",
            "catalog:1,,order:2",
            "catalog:99999999999999999999",
            "catalog:9999999999999999999"
        }) {
            assertThatThrownBy(() -> AuditLog.cursors(bad, services))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
