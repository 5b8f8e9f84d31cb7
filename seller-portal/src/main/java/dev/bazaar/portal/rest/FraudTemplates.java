package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.AdminFraudClient.BlocklistEntry;
import dev.bazaar.portal.client.AdminFraudClient.Decision;
import dev.bazaar.portal.client.AdminFraudClient.Dispute;
import dev.bazaar.portal.client.AdminFraudClient.Review;
import dev.bazaar.portal.rest.Viewer.Who;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import java.util.Map;

/**
 * The admin console's fraud pages ({@code templates/admin-fraud*.html}, {@code admin-disputes.html}), apart from
 * {@link AdminTemplates} so that the fraud console can grow on its own; checked against the templates at build time.
 */
@CheckedTemplate(defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
public class FraudTemplates {

    /**
     * The review queue ({@code reviews} null with {@code reviewsProblem} when the payment service could not give it),
     * then the latest decisions of {@code outcome} (null: all); {@code notice} a decision just made, {@code message}
     * why one was refused.
     */
    public static native TemplateInstance adminFraud(
            Who viewer,
            List<Review> reviews,
            String reviewsProblem,
            String outcome,
            List<String> outcomes,
            List<Decision> decisions,
            String decisionsProblem,
            String notice,
            String message);

    /** The admins' blocklist with its add form ({@code form} the values as typed after a refusal) and remove buttons. */
    public static native TemplateInstance adminFraudBlocklist(
            Who viewer,
            List<BlocklistEntry> entries,
            String problem,
            List<String> kinds,
            Map<String, String> form,
            String notice,
            String message);

    /** Card disputes of {@code status} (null: all), latest first. */
    public static native TemplateInstance adminDisputes(
            Who viewer, String status, List<String> statuses, List<Dispute> disputes, String problem);
}
