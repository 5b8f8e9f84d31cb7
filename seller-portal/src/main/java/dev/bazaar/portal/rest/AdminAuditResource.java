package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.AuditClient;
import dev.bazaar.portal.client.AuditLogs;
import dev.bazaar.portal.client.Reply;
import dev.bazaar.portal.service.AuditLog;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admins' audit log in the console: every service's log merged by time, newest first, each request's two rows
 * as one action, a page at a time back in time (the services' cursors carried in the link, see {@link AuditLog}).
 * A service that does not answer is named on the page; the others are still shown.
 */
@Path("/admin/audit")
@Produces(MediaType.TEXT_HTML)
public class AdminAuditResource {

    /** Rows a page (each service is asked for as many). */
    static final int ROWS_SHOWN = 50;

    private final AuditLogs logs;
    private final Viewer viewer;

    public AdminAuditResource(AuditLogs logs, Viewer viewer) {
        this.logs = logs;
        this.viewer = viewer;
    }

    @GET
    public Uni<Response> audit(@QueryParam("before") String before) {
        viewer.requireAdmin();
        Map<String, String> cursors;
        try {
            cursors = AuditLog.cursors(before, logs.services().keySet());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom()
                    .item(Pages.html(
                            400,
                            AdminLogTemplates.adminAudit(
                                    viewer.view(),
                                    new AuditLog.Page(List.of(), Map.of(), null),
                                    true,
                                    e.getMessage())));
        }
        List<String> asked = new ArrayList<>();
        List<Uni<Reply<List<AuditLog.Row>>>> calls = new ArrayList<>();
        Map<String, AuditClient> services = new LinkedHashMap<>(logs.services());
        services.forEach((name, client) -> {
            String cursor = cursors.get(name);
            if (!AuditLog.done(cursor)) {
                asked.add(name);
                calls.add(Reply.orUnavailable(
                        client.latest(ROWS_SHOWN, AuditLog.before(cursor)), AdminOperationsResource.SERVICE_SILENT));
            }
        });
        if (calls.isEmpty()) {
            return Uni.createFrom()
                    .item(Pages.html(
                            200,
                            AdminLogTemplates.adminAudit(
                                    viewer.view(),
                                    AuditLog.merge(List.of(), cursors, ROWS_SHOWN),
                                    !cursors.isEmpty(),
                                    null)));
        }
        return Uni.join().all(calls).andFailFast().map(replies -> {
            List<AuditLog.Answer> answers = new ArrayList<>();
            for (int i = 0; i < asked.size(); i++) {
                Reply<List<AuditLog.Row>> r = replies.get(i);
                answers.add(
                        r.ok()
                                ? new AuditLog.Answer(asked.get(i), r.orElse(List.of()), null)
                                : new AuditLog.Answer(asked.get(i), null, r.detail()));
            }
            return Pages.html(
                    200,
                    AdminLogTemplates.adminAudit(
                            viewer.view(), AuditLog.merge(answers, cursors, ROWS_SHOWN), !cursors.isEmpty(), null));
        });
    }
}
