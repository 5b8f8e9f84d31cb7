package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.AdminCategoryClient.Commission;
import dev.bazaar.portal.client.AdminCategoryClient.Schedule;
import dev.bazaar.portal.rest.Viewer.Who;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import java.util.Map;

/**
 * The admin console's categories and commission pages ({@code templates/admin-categor*.html}), apart from
 * {@link AdminTemplates} so pages added at the same time do not meet in one file.
 */
@CheckedTemplate(defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
public class AdminCategoryTemplates {

    /**
     * The tree with each category's rate, and the form for a new one ({@code form} as typed, {@code errors} per
     * field); {@code problem} why the tree could not be loaded.
     */
    public static native TemplateInstance adminCategories(
            Who viewer,
            List<Row> categories,
            String problem,
            Map<String, String> form,
            Map<String, String> errors,
            String notice,
            String message);

    /**
     * One category: {@code commission} null (with {@code problem}) when the catalog could not give it, the forms to
     * change it and to add a schedule ({@code form} as typed, {@code errors} per field).
     */
    public static native TemplateInstance adminCategory(
            Who viewer,
            Row category,
            List<Row> categories,
            Commission commission,
            String problem,
            Map<String, String> form,
            Map<String, String> errors,
            String notice,
            String message);

    /**
     * Basis points held as an {@code int} (the catalog's rates) as a percentage: {@code {rate:percent(s.baseRateBps)}}
     * → "8.00 %", "—" when not known ({@code fmt:bps} takes a {@code long}, which Qute does not widen to; its own namespace, as one namespace is one class's).
     */
    @TemplateExtension(namespace = "rate")
    static String percent(Integer bps) {
        return bps == null ? "—" : Pages.bps(bps);
    }

    /**
     * A category in the tree: {@code depth} from 0 at a root; its fixed rate and the schedule in force, null when the
     * catalog did not say ({@code rateProblem}).
     */
    public record Row(
            String id,
            String slug,
            String name,
            String path,
            int depth,
            Integer fixedRateBps,
            Schedule inForce,
            String rateProblem) {

        public String indent() {
            return "— ".repeat(depth);
        }
    }
}
