package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.AdminCategoryClient;
import dev.bazaar.portal.client.AdminCategoryClient.Commission;
import dev.bazaar.portal.client.AdminCategoryClient.Node;
import dev.bazaar.portal.client.AdminCategoryClient.Schedule;
import dev.bazaar.portal.client.Reply;
import dev.bazaar.portal.rest.AdminCategoryTemplates.Row;
import dev.bazaar.portal.service.CommissionForms;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Categories and their commission in the admin console: the tree with each category's rate, a new category, a
 * rename / move / new fixed rate, and per category its volume-tier schedules (ADR 0025) with the one in force marked,
 * a new one, and the withdrawal of one not yet in force. The forms take dollars and percent; the catalog cents and
 * basis points ({@link CommissionForms}). Every change is a form (CSRF token) answered by a redirect (post/redirect/
 * get), or the page with the catalog's reason.
 */
@Path("/admin/categories")
@Produces(MediaType.TEXT_HTML)
public class AdminCategoriesResource {

    private static final String NO_CATEGORY = "No such category.";
    private static final Map<String, String> DONE = Map.of(
            "created",
            "Category added.",
            "changed",
            "Category changed.",
            "added",
            "Schedule added.",
            "withdrawn",
            "Schedule withdrawn.");

    private final AdminCategoryClient catalog;
    private final Viewer viewer;

    public AdminCategoriesResource(@RestClient AdminCategoryClient catalog, Viewer viewer) {
        this.catalog = catalog;
        this.viewer = viewer;
    }

    @GET
    public Uni<Response> categories(@QueryParam("done") String done) {
        viewer.requireAdmin();
        return list(Map.of(), Map.of(), done == null ? null : DONE.get(done), null, 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> create(
            @RestForm String parentId, @RestForm String slug, @RestForm String name, @RestForm String rate) {
        viewer.requireAdmin();
        Map<String, String> form = form("parentId", parentId, "slug", slug, "name", name, "rate", rate);
        Map<String, String> errors = new LinkedHashMap<>();
        Integer bps = CommissionForms.bps(rate, "rate", errors);
        if (!errors.isEmpty()) {
            return list(form, errors, null, "Check the fields marked.", 400);
        }
        return Reply.of(catalog.create(
                        new AdminCategoryClient.NewCategory(blankToNull(parentId), strip(slug), strip(name), bps)))
                .flatMap(r -> r.ok()
                        ? Uni.createFrom().item(Pages.redirect("/admin/categories?done=created"))
                        : list(form, rateNamed(r.fieldErrors()), null, r.explain(), r.pageStatus()));
    }

    @GET
    @Path("{id}")
    public Uni<Response> category(@PathParam("id") String id, @QueryParam("done") String done) {
        viewer.requireAdmin();
        Pages.uuid(id, NO_CATEGORY);
        return one(id, Map.of(), Map.of(), done == null ? null : DONE.get(done), null, 200);
    }

    /** A rename, a move under another parent, a new fixed rate: the fields left blank stay. */
    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> change(
            @PathParam("id") String id, @RestForm String name, @RestForm String rate, @RestForm String parentId) {
        viewer.requireAdmin();
        Pages.uuid(id, NO_CATEGORY);
        Map<String, String> form = form("name", name, "rate", rate, "parentId", parentId);
        Map<String, String> errors = new LinkedHashMap<>();
        Integer bps = rate == null || rate.isBlank() ? null : CommissionForms.bps(rate, "rate", errors);
        if (!errors.isEmpty()) {
            return one(id, form, errors, null, "Check the fields marked.", 400);
        }
        if (bps == null && blankToNull(name) == null && blankToNull(parentId) == null) {
            return one(id, form, Map.of(), null, "Nothing to change: fill in what should change.", 400);
        }
        return Reply.of(catalog.change(
                        id, new AdminCategoryClient.Change(blankToNull(parentId), blankToNull(name), bps)))
                .flatMap(r -> done(id, r, "changed", form));
    }

    @POST
    @Path("{id}/schedules")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> addSchedule(
            @PathParam("id") String id,
            @RestForm String effectiveFrom,
            @RestForm String baseRate,
            @RestForm String tier1Above,
            @RestForm String tier1Rate,
            @RestForm String tier2Above,
            @RestForm String tier2Rate,
            @RestForm String tier3Above,
            @RestForm String tier3Rate) {
        viewer.requireAdmin();
        Pages.uuid(id, NO_CATEGORY);
        Map<String, String> form = form(
                "effectiveFrom",
                effectiveFrom,
                "baseRate",
                baseRate,
                "tier1Above",
                tier1Above,
                "tier1Rate",
                tier1Rate,
                "tier2Above",
                tier2Above,
                "tier2Rate",
                tier2Rate,
                "tier3Above",
                tier3Above,
                "tier3Rate",
                tier3Rate);
        CommissionForms.Schedule s = CommissionForms.schedule(
                effectiveFrom,
                baseRate,
                java.util.Arrays.asList(tier1Above, tier2Above, tier3Above),
                java.util.Arrays.asList(tier1Rate, tier2Rate, tier3Rate));
        if (!s.errors().isEmpty()) {
            return one(id, form, s.errors(), null, "Check the fields marked.", 400);
        }
        return Reply.of(catalog.addSchedule(
                        id, new AdminCategoryClient.NewSchedule(s.effectiveFrom(), s.baseRateBps(), s.tiers())))
                .flatMap(r -> done(id, r, "added", form));
    }

    /** A schedule not yet in force withdrawn; the catalog refuses one in force (409), shown as the reason. */
    @POST
    @Path("{id}/schedules/{scheduleId}/withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> withdraw(@PathParam("id") String id, @PathParam("scheduleId") String scheduleId) {
        viewer.requireAdmin();
        Pages.uuid(id, NO_CATEGORY);
        Pages.uuid(scheduleId, "No such schedule.");
        return Reply.of(catalog.withdraw(id, scheduleId)).flatMap(r -> done(id, r, "withdrawn", Map.of()));
    }

    private Uni<Response> done(String id, Reply<?> r, String what, Map<String, String> form) {
        if (r.ok()) {
            return Uni.createFrom().item(Pages.redirect("/admin/categories/" + id + "?done=" + what));
        }
        if (r.status() == 404) {
            throw new Pages.Missing(r.detail());
        }
        return one(id, form, Map.of(), null, r.explain(), r.pageStatus());
    }

    // ---- pages

    private Uni<Response> list(
            Map<String, String> form, Map<String, String> errors, String notice, String message, int status) {
        return Reply.orUnavailable(catalog.tree(), AdminOperationsResource.SERVICE_SILENT)
                .flatMap(tree -> {
                    if (!tree.ok()) {
                        return Uni.createFrom()
                                .item(Pages.html(
                                        status,
                                        AdminCategoryTemplates.adminCategories(
                                                viewer.view(),
                                                List.of(),
                                                tree.detail(),
                                                form,
                                                errors,
                                                notice,
                                                message)));
                    }
                    List<Row> rows = flatten(tree.body());
                    if (rows.isEmpty()) {
                        return Uni.createFrom()
                                .item(Pages.html(
                                        status,
                                        AdminCategoryTemplates.adminCategories(
                                                viewer.view(), rows, null, form, errors, notice, message)));
                    }
                    return Uni.join()
                            .all(rows.stream()
                                    .map(c -> Reply.orUnavailable(
                                            catalog.commission(c.id()), AdminOperationsResource.SERVICE_SILENT))
                                    .toList())
                            .andFailFast()
                            .map(rates -> {
                                List<Row> rated = new ArrayList<>();
                                for (int i = 0; i < rows.size(); i++) {
                                    rated.add(rated(rows.get(i), rates.get(i)));
                                }
                                return Pages.html(
                                        status,
                                        AdminCategoryTemplates.adminCategories(
                                                viewer.view(), rated, null, form, errors, notice, message));
                            });
                });
    }

    private Uni<Response> one(
            String id,
            Map<String, String> form,
            Map<String, String> errors,
            String notice,
            String message,
            int status) {
        return Uni.combine()
                .all()
                .unis(
                        Reply.orUnavailable(catalog.tree(), AdminOperationsResource.SERVICE_SILENT),
                        Reply.orUnavailable(catalog.commission(id), AdminOperationsResource.SERVICE_SILENT))
                .asTuple()
                .map(t -> {
                    List<Row> rows = flatten(t.getItem1().orElse(List.of()));
                    Reply<Commission> commission = t.getItem2();
                    if (commission.status() == 404) {
                        throw new Pages.Missing(NO_CATEGORY);
                    }
                    Row category = rows.stream()
                            .filter(r -> r.id().equals(id))
                            .findFirst()
                            .orElse(new Row(id, null, null, null, 0, null, null, null));
                    return Pages.html(
                            status,
                            AdminCategoryTemplates.adminCategory(
                                    viewer.view(),
                                    rated(category, commission),
                                    rows,
                                    commission.orElse(null),
                                    commission.ok() ? null : commission.detail(),
                                    form,
                                    errors,
                                    notice,
                                    message));
                });
    }

    private static Row rated(Row c, Reply<Commission> r) {
        if (!r.ok()) {
            return new Row(c.id(), c.slug(), c.name(), c.path(), c.depth(), null, null, r.detail());
        }
        Schedule inForce = r.body().schedules() == null
                ? null
                : r.body().schedules().stream()
                        .filter(Schedule::inForce)
                        .findFirst()
                        .orElse(null);
        return new Row(c.id(), c.slug(), c.name(), c.path(), c.depth(), r.body().fixedRateBps(), inForce, null);
    }

    /** The tree in reading order (a parent before its children), each with its depth. */
    static List<Row> flatten(List<Node> nodes) {
        List<Row> rows = new ArrayList<>();
        flatten(nodes, 0, rows);
        return rows;
    }

    private static void flatten(List<Node> nodes, int depth, List<Row> rows) {
        if (nodes == null) {
            return;
        }
        for (Node n : nodes) {
            rows.add(new Row(n.id(), n.slug(), n.name(), n.path(), depth, null, null, null));
            flatten(n.children(), depth + 1, rows);
        }
    }

    /** The catalog names the rate commissionRateBps; the form calls it rate. */
    private static Map<String, String> rateNamed(Map<String, String> errors) {
        Map<String, String> named = new LinkedHashMap<>();
        errors.forEach((k, v) -> named.put(k.endsWith("commissionRateBps") ? "rate" : k, v));
        return named;
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1]);
        }
        return form;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }
}
