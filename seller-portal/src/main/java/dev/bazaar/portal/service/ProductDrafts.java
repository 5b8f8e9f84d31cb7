package dev.bazaar.portal.service;

import dev.bazaar.portal.client.CatalogClient.Category;
import dev.bazaar.portal.client.CatalogClient.NewProduct;
import dev.bazaar.portal.client.CatalogClient.NewVariant;
import dev.bazaar.portal.client.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The new-product form as the catalog's request: title, category, description and up to three variant rows (SKU,
 * option as name=value, price in dollars, stock, weight in grams), with what is wrong in the form before it is sent;
 * and what the form shows (its variant rows refilled, the category tree flattened for a select).
 */
public final class ProductDrafts {

    public static final int VARIANT_ROWS = 3;

    private static final Pattern UUID_FORMAT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** A variant row of the form, refilled with what was typed. */
    public record Row(String i, String sku, String option, String price, String stock, String weight) {}

    /** A category for the select: its id and its path ("Home › Kitchen › Mugs"). */
    public record CategoryOption(UUID id, String label) {}

    /** The request, and the form's own errors by field (the request is not sent when there are any). */
    public record Draft(NewProduct product, Map<String, String> errors) {}

    private ProductDrafts() {}

    public static Draft draft(Map<String, String> form) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<NewVariant> variants = new ArrayList<>();
        for (int i = 0; i < VARIANT_ROWS; i++) {
            String sku = form.getOrDefault("sku" + i, "").trim();
            if (sku.isEmpty()) {
                continue;
            }
            String field = "variants[" + variants.size() + "].";
            Map<String, String> options = null;
            String option = form.getOrDefault("option" + i, "").trim();
            if (!option.isEmpty()) {
                String[] kv = option.split("=", 2);
                if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                    errors.put(field + "options", "write the option as name=value");
                } else {
                    options = Map.of(kv[0].trim(), kv[1].trim());
                }
            }
            Long price = cents(form.get("price" + i));
            if (price == null) {
                errors.put(field + "price", "a price in dollars, e.g. 12.50");
            }
            int stock = integer(form.get("stock" + i), field + "stock", errors);
            int weight = integer(form.get("weight" + i), field + "weightGrams", errors);
            variants.add(new NewVariant(sku, options, Money.usd(price == null ? 0 : price), stock, weight));
        }
        String category = form.get("categoryId");
        return new Draft(
                new NewProduct(
                        form.get("title"),
                        form.get("description"),
                        isUuid(category) ? UUID.fromString(category) : null,
                        variants),
                errors);
    }

    /** The variant rows of the form, refilled with what was typed. */
    public static List<Row> rows(Map<String, String> form) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < VARIANT_ROWS; i++) {
            rows.add(new Row(
                    String.valueOf(i),
                    form.getOrDefault("sku" + i, ""),
                    form.getOrDefault("option" + i, ""),
                    form.getOrDefault("price" + i, ""),
                    form.getOrDefault("stock" + i, ""),
                    form.getOrDefault("weight" + i, "")));
        }
        return rows;
    }

    /** The category tree, flattened for a select: name with its path. */
    public static List<CategoryOption> options(List<Category> tree) {
        List<CategoryOption> flat = new ArrayList<>();
        flatten(tree, flat);
        return flat;
    }

    private static void flatten(List<Category> nodes, List<CategoryOption> into) {
        for (Category n : nodes) {
            into.add(new CategoryOption(n.id(), String.valueOf(n.path()).replace("/", " › ")));
            if (n.children() != null) {
                flatten(n.children(), into);
            }
        }
    }

    /** A whole number typed in a form, or 0 with an error for {@code field}. */
    public static int integer(String s, String field, Map<String, String> errors) {
        try {
            return Integer.parseInt(s == null ? "" : s.trim());
        } catch (NumberFormatException e) {
            errors.put(field, "a whole number");
            return 0;
        }
    }

    /** Dollars typed in a form ("12.50") → minor units; null when it is not a price. */
    public static Long cents(String dollars) {
        if (dollars == null || dollars.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(dollars.trim().replace("$", ""))
                    .movePointRight(2)
                    .longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    public static boolean isUuid(String s) {
        return s != null && UUID_FORMAT.matcher(s).matches();
    }
}
