package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.SellerApplicationClient.Application;
import dev.bazaar.portal.client.SellerApplicationClient.Applications;
import dev.bazaar.portal.rest.Viewer.Who;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.Map;

/**
 * The pages of becoming a seller ({@code templates/apply.html}, {@code templates/admin-applications.html}), kept
 * apart from {@link Templates} so the onboarding pages stay in their own files; checked against the templates at
 * build time like the others.
 */
@CheckedTemplate(defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
public class ApplicationTemplates {

    private ApplicationTemplates() {}

    /**
     * {@code latest}: the user's newest application (null: none yet), shown with its status or rejection reason;
     * the form shows when there is none or the latest was rejected, refilled as typed ({@code form}) with the
     * catalog's refusals next to the fields ({@code errors}; "_form" for the whole form).
     */
    public static native TemplateInstance apply(
            Who viewer, Application latest, Map<String, String> form, Map<String, String> errors);

    /**
     * The pending applications, oldest first ({@code queue} empty, with {@code problem} saying why, when the catalog
     * could not give them); {@code message}: why a decision was refused.
     */
    public static native TemplateInstance adminApplications(
            Who viewer, Applications queue, String problem, String message);
}
