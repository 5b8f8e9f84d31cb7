package dev.bazaar.portal.service;

import dev.bazaar.portal.client.CatalogClient.Content;
import dev.bazaar.portal.client.CatalogClient.Image;
import dev.bazaar.portal.client.CatalogClient.Revision;
import dev.bazaar.portal.service.ProductDrafts.CategoryOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A revision as people read it: each changed field with what is live and what is proposed, in words (a category by its
 * path, tags and images as lists), for the seller's product page and the admins' queue.
 */
public final class RevisionDiffs {

    /** One changed field: its label, the live value and the proposed one ("—" for none). */
    public record Change(String field, String label, String before, String after) {}

    /** A revision with its changes spelled out. */
    public record Shown(Revision revision, List<Change> changes) {
        public boolean pending() {
            return "PENDING".equals(revision.status());
        }
    }

    private static final Map<String, String> LABELS = Map.of(
            "title",
            "Title",
            "description",
            "Description",
            "categoryId",
            "Category",
            "brand",
            "Brand",
            "tags",
            "Tags",
            "attributes",
            "Attributes",
            "media",
            "Images");

    private RevisionDiffs() {}

    /** {@code categories}: the flattened tree, to name a category by its path (an unknown one shows its id). */
    public static Shown of(Revision r, List<CategoryOption> categories) {
        Map<UUID, String> paths =
                categories.stream().collect(Collectors.toMap(CategoryOption::id, CategoryOption::label, (a, b) -> a));
        List<String> changed = r.changed() == null ? List.of() : r.changed();
        return new Shown(
                r,
                changed.stream()
                        .map(field -> new Change(
                                field,
                                LABELS.getOrDefault(field, field),
                                value(field, r.live(), paths),
                                value(field, r.proposed(), paths)))
                        .toList());
    }

    static String value(String field, Content c, Map<UUID, String> paths) {
        if (c == null) {
            return "—";
        }
        String v = switch (field) {
            case "title" -> c.title();
            case "description" -> c.description();
            case "categoryId" ->
                c.categoryId() == null
                        ? null
                        : paths.getOrDefault(c.categoryId(), c.categoryId().toString());
            case "brand" -> c.brand();
            case "tags" -> c.tags() == null ? null : String.join(", ", c.tags());
            case "attributes" ->
                c.attributes() == null
                        ? null
                        : new TreeMap<>(c.attributes())
                                .entrySet().stream()
                                        .map(e -> e.getKey() + ": " + e.getValue())
                                        .collect(Collectors.joining(", "));
            case "media" ->
                c.media() == null
                        ? null
                        : c.media().stream().map(RevisionDiffs::image).collect(Collectors.joining(", "));
            default -> null;
        };
        return v == null || v.isBlank() ? "—" : v;
    }

    private static String image(Image i) {
        return Objects.toString(i.alt(), "") + " (" + i.url() + ")";
    }
}
