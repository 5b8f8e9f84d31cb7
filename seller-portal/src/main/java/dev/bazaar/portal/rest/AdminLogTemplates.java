package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.AdminNotificationClient.Failed;
import dev.bazaar.portal.rest.Viewer.Who;
import dev.bazaar.portal.service.AuditLog;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * The admin console's audit log and failed notifications pages ({@code templates/admin-<name>.html}), apart from
 * {@link AdminTemplates} so pages added at the same time do not meet in one file.
 */
@CheckedTemplate(defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
public class AdminLogTemplates {

    /** A page of the merged audit log; {@code newest}: this is not the first page (a link back to it). */
    public static native TemplateInstance adminAudit(Who viewer, AuditLog.Page page, boolean newest, String message);

    /** Notifications given up, with retry; {@code notice} a retry's outcome, {@code message} why one was refused. */
    public static native TemplateInstance adminNotifications(
            Who viewer, List<Failed> failed, String problem, String notice, String message);
}
