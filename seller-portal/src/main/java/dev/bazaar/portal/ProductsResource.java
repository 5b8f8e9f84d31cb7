package dev.bazaar.portal;

import dev.bazaar.portal.Services.Target;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A seller's products: list (status filter, search), create with variants, edit, stock, submit, archive. */
@Path("/products")
@Produces(MediaType.TEXT_HTML)
public class ProductsResource {

    static final int VARIANT_ROWS = 3;
    private static final String MISSING = "No such product in your shop.";

    private final Services services;
    private final Viewer viewer;
    private final Template products;
    private final Template productForm;
    private final Template product;

    public ProductsResource(Services services, Viewer viewer, Template products,
            @io.quarkus.qute.Location("product-form.html") Template productForm, Template product) {
        this.services = services;
        this.viewer = viewer;
        this.products = products;
        this.productForm = productForm;
        this.product = product;
    }

    @GET
    public Uni<Response> list(@QueryParam("status") String status, @QueryParam("q") String q) {
        viewer.requireSeller();
        String query = "/api/v1/seller/products?size=100" + (status == null || status.isBlank() ? ""
                : "&status=" + URLEncoder.encode(status, StandardCharsets.UTF_8));
        return services.get(Target.CATALOG, query, viewer.token()).map(r -> {
            List<Map<String, Object>> items = r.list();
            if (q != null && !q.isBlank()) {
                String needle = q.toLowerCase(Locale.ROOT);
                items = items.stream().filter(p -> String.valueOf(p.get("title")).toLowerCase(Locale.ROOT)
                        .contains(needle)).toList();
            }
            return HomeResource.html(products.data("viewer", viewer.view()).data("items", items)
                    .data("status", status == null ? "" : status).data("q", q == null ? "" : q)
                    .data("statuses", List.of("DRAFT", "PENDING_REVIEW", "ACTIVE", "REJECTED", "ARCHIVED"))
                    .data("error", r.ok() ? null : r.detail()).render());
        });
    }

    @GET
    @Path("new")
    public Uni<Response> newForm() {
        viewer.requireSeller();
        return categories().map(cats -> HomeResource.html(productForm.data("viewer", viewer.view())
                .data("categories", cats).data("form", Map.of()).data("rows", rows(Map.of()))
                .data("errors", Map.of()).render()));
    }

    /**
     * Creates the product (DRAFT) from the form: title, category, description and up to three variant rows (SKU,
     * option as name=value, price in dollars, stock, weight in grams). The catalog's field errors are shown next to
     * the fields they name; nothing is created then.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> create(@jakarta.ws.rs.BeanParam ProductForm input) {
        viewer.requireSeller();
        Map<String, String> form = input.asMap();
        Map<String, String> localErrors = new LinkedHashMap<>();
        List<Map<String, Object>> variants = new ArrayList<>();
        for (int i = 0; i < VARIANT_ROWS; i++) {
            String sku = form.getOrDefault("sku" + i, "").trim();
            if (sku.isEmpty()) {
                continue;
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("sku", sku);
            String option = form.getOrDefault("option" + i, "").trim();
            if (!option.isEmpty()) {
                String[] kv = option.split("=", 2);
                if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                    localErrors.put("variants[" + variants.size() + "].options", "write the option as name=value");
                } else {
                    v.put("options", Map.of(kv[0].trim(), kv[1].trim()));
                }
            }
            Long price = Pages.cents(form.get("price" + i));
            if (price == null) {
                localErrors.put("variants[" + variants.size() + "].price", "a price in dollars, e.g. 12.50");
            }
            v.put("price", Map.of("amount", price == null ? 0 : price, "currency", "USD"));
            v.put("stock", integer(form.get("stock" + i), "variants[" + variants.size() + "].stock", localErrors));
            v.put("weightGrams", integer(form.get("weight" + i), "variants[" + variants.size() + "].weightGrams",
                    localErrors));
            variants.add(v);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", form.get("title"));
        body.put("description", form.get("description"));
        String category = form.get("categoryId");
        body.put("categoryId", Pages.isUuid(category) ? category : null);
        body.put("variants", variants);
        Uni<Services.Reply> created = localErrors.isEmpty()
                ? services.post(Target.CATALOG, "/api/v1/seller/products", body, viewer.token())
                : Uni.createFrom().item(new Services.Reply(400, Map.of()));
        return created.flatMap(r -> {
            if (r.ok()) {
                return Uni.createFrom().item(Pages.redirect("/products/" + r.map().get("id")));
            }
            Map<String, String> errors = new LinkedHashMap<>(localErrors);
            errors.putAll(r.status() == 400 && localErrors.isEmpty() ? HomeResource.errors(r) : r.fieldErrors());
            if (errors.isEmpty()) {
                errors.put("_form", r.detail());
            }
            return categories().map(cats -> Response.status(400).type(MediaType.TEXT_HTML)
                    .entity(productForm.data("viewer", viewer.view()).data("categories", cats).data("form", form)
                            .data("rows", rows(form)).data("errors", errors).render()).build());
        });
    }

    @GET
    @Path("{id}")
    public Uni<Response> show(@PathParam("id") String id) {
        viewer.requireSeller();
        return own(id).map(p -> HomeResource.html(product.data("viewer", viewer.view()).data("p", p).data("error", null)
                .render()));
    }

    @POST
    @Path("{id}/submit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> submit(@PathParam("id") String id) {
        return action(id, "/submit");
    }

    @POST
    @Path("{id}/archive")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> archive(@PathParam("id") String id) {
        return action(id, "/archive");
    }

    @POST
    @Path("{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> edit(@PathParam("id") String id, @RestForm String title, @RestForm String description) {
        viewer.requireSeller();
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("title", title);
        patch.put("description", description);
        return services.send(HttpMethod.PATCH, Target.CATALOG, "/api/v1/seller/products/" + Pages.uuid(id, MISSING),
                patch,
                viewer.token()).flatMap(r -> after(id, r));
    }

    @POST
    @Path("{id}/stock")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> stock(@PathParam("id") String id, @RestForm String variantId, @RestForm String onHand) {
        viewer.requireSeller();
        Map<String, String> errors = new LinkedHashMap<>();
        int n = integer(onHand, "onHand", errors);
        if (!errors.isEmpty()) {
            return own(id).map(p -> Response.status(400).type(MediaType.TEXT_HTML).entity(product
                    .data("viewer", viewer.view()).data("p", p).data("error", "Stock must be a whole number.").render())
                    .build());
        }
        return services.send(HttpMethod.PUT, Target.CATALOG,
                "/api/v1/seller/variants/" + Pages.uuid(variantId, MISSING) + "/stock",
                Map.of("onHand", n), viewer.token()).flatMap(r -> after(id, r));
    }

    private Uni<Response> action(String id, String what) {
        viewer.requireSeller();
        return services.post(Target.CATALOG, "/api/v1/seller/products/" + Pages.uuid(id, MISSING) + what, null,
                viewer.token())
                .flatMap(r -> after(id, r));
    }

    /** After a change: back to the product, or the product with the service's reason when it was refused. */
    private Uni<Response> after(String id, Services.Reply r) {
        if (r.ok()) {
            return Uni.createFrom().item(Pages.redirect("/products/" + id));
        }
        if (r.status() == 404) {
            throw new Pages.Missing(MISSING);
        }
        String reason = r.explain();
        return own(id).map(p -> Response.status(r.status() >= 500 ? 502 : r.status()).type(MediaType.TEXT_HTML)
                .entity(product.data("viewer", viewer.view()).data("p", p).data("error", reason).render()).build());
    }

    private Uni<Map<String, Object>> own(String id) {
        return services.get(Target.CATALOG, "/api/v1/seller/products/" + Pages.uuid(id, MISSING), viewer.token())
                .map(r -> {
            if (!r.ok()) {
                throw new Pages.Missing(MISSING);
            }
            return r.map();
        });
    }

    /** The category tree, flattened for a select: name with its path. */
    private Uni<List<Map<String, Object>>> categories() {
        return services.get(Target.CATALOG, "/api/v1/categories", viewer.token()).map(r -> {
            List<Map<String, Object>> flat = new ArrayList<>();
            flatten(r.list(), flat);
            return flat;
        });
    }

    @SuppressWarnings("unchecked")
    private static void flatten(List<Map<String, Object>> nodes, List<Map<String, Object>> into) {
        for (Map<String, Object> n : nodes) {
            into.add(Map.of("id", n.get("id"), "label", String.valueOf(n.get("path")).replace("/", " › ")));
            if (n.get("children") instanceof List<?> c) {
                flatten((List<Map<String, Object>>) c, into);
            }
        }
    }

    /** The variant rows of the form, refilled with what was typed. */
    private static List<Map<String, String>> rows(Map<String, String> form) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < VARIANT_ROWS; i++) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("i", String.valueOf(i));
            for (String f : List.of("sku", "option", "price", "stock", "weight")) {
                row.put(f, form.getOrDefault(f + i, ""));
            }
            rows.add(row);
        }
        return rows;
    }

    private static int integer(String s, String field, Map<String, String> errors) {
        try {
            return Integer.parseInt(s == null ? "" : s.trim());
        } catch (NumberFormatException e) {
            errors.put(field, "a whole number");
            return 0;
        }
    }

}
