package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.CatalogClient;
import dev.bazaar.portal.client.CatalogClient.Image;
import dev.bazaar.portal.client.CatalogClient.MediaPatch;
import dev.bazaar.portal.client.CatalogClient.Product;
import dev.bazaar.portal.client.CatalogClient.ProductPatch;
import dev.bazaar.portal.client.CatalogClient.Rendition;
import dev.bazaar.portal.client.CatalogClient.Revision;
import dev.bazaar.portal.client.CatalogClient.Stock;
import dev.bazaar.portal.client.CatalogClient.VariantPrice;
import dev.bazaar.portal.client.Money;
import dev.bazaar.portal.client.Problem;
import dev.bazaar.portal.client.Reply;
import dev.bazaar.portal.service.ProductDrafts;
import dev.bazaar.portal.service.ProductDrafts.CategoryOption;
import dev.bazaar.portal.service.ProductImages;
import dev.bazaar.portal.service.RevisionDiffs;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * A seller's products: list (status filter, search), create with variants, edit, stock, submit, archive, and their
 * images (upload through the catalog, order, alt text, remove).
 */
@Path("/products")
@Produces(MediaType.TEXT_HTML)
public class ProductsResource {

    private static final String MISSING = "No such product in your shop.";
    private static final List<String> STATUSES = List.of("DRAFT", "PENDING_REVIEW", "ACTIVE", "REJECTED", "ARCHIVED");

    private final CatalogClient catalog;
    private final Viewer viewer;

    public ProductsResource(@RestClient CatalogClient catalog, Viewer viewer) {
        this.catalog = catalog;
        this.viewer = viewer;
    }

    @GET
    public Uni<Response> list(@QueryParam("status") String status, @QueryParam("q") String q) {
        viewer.requireSeller();
        return Reply.of(catalog.products(100, status == null || status.isBlank() ? null : status))
                .map(r -> {
                    List<Product> items = r.ok() ? r.body().items() : List.of();
                    if (q != null && !q.isBlank()) {
                        String needle = q.toLowerCase(Locale.ROOT);
                        items = items.stream()
                                .filter(p -> String.valueOf(p.title())
                                        .toLowerCase(Locale.ROOT)
                                        .contains(needle))
                                .toList();
                    }
                    return Pages.html(Templates.products(
                            viewer.view(),
                            items,
                            status == null ? "" : status,
                            q == null ? "" : q,
                            STATUSES,
                            r.ok() ? null : r.detail()));
                });
    }

    @GET
    @Path("new")
    public Uni<Response> newForm() {
        viewer.requireSeller();
        return categories()
                .map(cats -> Pages.html(
                        Templates.productForm(viewer.view(), cats, Map.of(), ProductDrafts.rows(Map.of()), Map.of())));
    }

    /**
     * Creates the product (DRAFT) from the form: title, category, description and up to three variant rows (SKU,
     * option as name=value, price in dollars, stock, weight in grams). The catalog's field errors are shown next to
     * the fields they name; nothing is created then.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> create(@BeanParam ProductForm input) {
        viewer.requireSeller();
        Map<String, String> form = input.asMap();
        ProductDrafts.Draft draft = ProductDrafts.draft(form);
        Map<String, String> localErrors = draft.errors();
        Uni<Reply<Product>> created = localErrors.isEmpty()
                ? Reply.of(catalog.createProduct(draft.product()))
                : Uni.createFrom().item(new Reply<>(400, null, Problem.NONE));
        return created.flatMap(r -> {
            if (r.ok()) {
                return Uni.createFrom()
                        .item(Pages.redirect("/products/" + r.body().id()));
            }
            Map<String, String> errors = new LinkedHashMap<>(localErrors);
            errors.putAll(r.status() == 400 && localErrors.isEmpty() ? HomeResource.errors(r) : r.fieldErrors());
            if (errors.isEmpty()) {
                errors.put("_form", r.detail());
            }
            return categories()
                    .map(cats -> Pages.html(
                            400, Templates.productForm(viewer.view(), cats, form, ProductDrafts.rows(form), errors)));
        });
    }

    @GET
    @Path("{id}")
    public Uni<Response> show(@PathParam("id") String id) {
        viewer.requireSeller();
        return page(200, id, null);
    }

    @POST
    @Path("{id}/submit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> submit(@PathParam("id") String id) {
        return action(id, "submit");
    }

    @POST
    @Path("{id}/archive")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> archive(@PathParam("id") String id) {
        return action(id, "archive");
    }

    @POST
    @Path("{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> edit(@PathParam("id") String id, @RestForm String title, @RestForm String description) {
        viewer.requireSeller();
        return Reply.of(catalog.updateProduct(Pages.uuid(id, MISSING), new ProductPatch(title, description)))
                .flatMap(r -> after(id, r));
    }

    @POST
    @Path("{id}/stock")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> stock(@PathParam("id") String id, @RestForm String variantId, @RestForm String onHand) {
        viewer.requireSeller();
        Map<String, String> errors = new LinkedHashMap<>();
        int n = ProductDrafts.integer(onHand, "onHand", errors);
        if (!errors.isEmpty()) {
            return page(400, id, "Stock must be a whole number.");
        }
        return Reply.of(catalog.setStock(Pages.uuid(variantId, MISSING), new Stock(n)))
                .flatMap(r -> after(id, r));
    }

    /**
     * A variant's new price, in dollars. On a live product it is on sale at once, and carts holding the variant show
     * it with a warning; a price that is not one comes back without calling the catalog.
     */
    @POST
    @Path("{id}/price")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> price(@PathParam("id") String id, @RestForm String variantId, @RestForm String price) {
        viewer.requireSeller();
        Long cents = ProductDrafts.cents(price);
        if (cents == null) {
            return page(400, id, "A price is an amount in dollars, e.g. 12.50.");
        }
        return Reply.of(catalog.changeVariant(Pages.uuid(variantId, MISSING), new VariantPrice(Money.usd(cents))))
                .flatMap(r -> after(id, r));
    }

    /** Stops selling a variant (kept for the orders that name it) or sells it again. */
    @POST
    @Path("{id}/variants/{variantId}/{action: deactivate|activate}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> variantAction(
            @PathParam("id") String id, @PathParam("variantId") String variantId, @PathParam("action") String action) {
        viewer.requireSeller();
        return Reply.of(catalog.variantAction(Pages.uuid(variantId, MISSING), action))
                .flatMap(r -> after(id, r));
    }

    /** Takes back changes waiting for review (or refused): the live product stays as it is. */
    @POST
    @Path("{id}/revision/withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> withdraw(@PathParam("id") String id) {
        viewer.requireSeller();
        return Reply.of(catalog.withdrawRevision(Pages.uuid(id, MISSING))).flatMap(r -> after(id, r));
    }

    /**
     * Uploads an image through the catalog (which checks the bytes and makes its renditions) and adds it last to the
     * product's images with its alt text. A missing file or alt text, a full list, or the catalog's refusal (not an
     * image, too big, too many pixels) comes back next to the form, and the product's images stay as they are.
     */
    @POST
    @Path("{id}/images")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<Response> upload(@PathParam("id") String id, @RestForm("file") FileUpload file, @RestForm String alt) {
        viewer.requireSeller();
        Pages.uuid(id, MISSING);
        String problem = file == null || file.uploadedFile() == null || file.size() == 0
                ? "Choose an image file (JPEG, PNG or WebP)."
                : ProductImages.altProblem(alt);
        if (problem != null) {
            return page(400, id, null, problem, alt);
        }
        return editing(id).flatMap(e -> {
            List<Image> images = ProductImages.editing(e.product(), e.revision());
            String full = ProductImages.roomProblem(images);
            if (full != null) {
                return page(400, id, null, full, alt);
            }
            ClientMultipartForm form = ClientMultipartForm.create()
                    .binaryFileUpload(
                            "file",
                            ProductImages.fileName(file.fileName()),
                            file.uploadedFile().toString(),
                            MediaType.APPLICATION_OCTET_STREAM);
            return Reply.of(catalog.upload(form)).flatMap(u -> {
                if (!u.ok()) {
                    String why = u.fieldErrors().getOrDefault("file", u.explain());
                    return page(u.pageStatus(), id, null, "The image was not taken: " + why, alt);
                }
                Rendition fullSize = u.body().renditions() == null
                        ? null
                        : u.body().renditions().get("full");
                return changeImages(
                        id, ProductImages.appended(images, fullSize == null ? null : fullSize.url(), alt), alt);
            });
        });
    }

    /** Moves an image one place up or down, or removes it from the product (the file stays in the catalog). */
    @POST
    @Path("{id}/images/{position}/{action: up|down|remove}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> arrange(
            @PathParam("id") String id,
            @PathParam("position") String position,
            @PathParam("action") String action,
            @RestForm String url) {
        viewer.requireSeller();
        Pages.uuid(id, MISSING);
        return editing(id).flatMap(e -> {
            List<Image> images = ProductImages.editing(e.product(), e.revision());
            return changeImages(
                    id,
                    switch (action) {
                        case "up" -> ProductImages.moved(images, position, url, -1);
                        case "down" -> ProductImages.moved(images, position, url, 1);
                        default -> ProductImages.removed(images, position, url);
                    },
                    null);
        });
    }

    /** An image's new alt text. */
    @POST
    @Path("{id}/images/{position}/alt")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> describe(
            @PathParam("id") String id,
            @PathParam("position") String position,
            @RestForm String url,
            @RestForm String alt) {
        viewer.requireSeller();
        Pages.uuid(id, MISSING);
        return editing(id)
                .flatMap(e -> changeImages(
                        id,
                        ProductImages.relabelled(ProductImages.editing(e.product(), e.revision()), position, url, alt),
                        null));
    }

    /**
     * Sends the product's new image list (on a live product it waits for review like any other change of its
     * details), or shows why the change was refused next to the image forms.
     */
    private Uni<Response> changeImages(String id, ProductImages.Change change, String typedAlt) {
        if (!change.ok()) {
            return page(
                    change.refusal().equals(ProductImages.CHANGED_MEANWHILE) ? 409 : 400,
                    id,
                    null,
                    change.refusal(),
                    typedAlt);
        }
        return Reply.of(catalog.setMedia(id, new MediaPatch(change.media()))).flatMap(r -> {
            if (r.ok()) {
                return Uni.createFrom().item(Pages.redirect("/products/" + id + "#images"));
            }
            if (r.status() == 404) {
                throw new Pages.Missing(MISSING);
            }
            return page(r.pageStatus(), id, null, r.explain(), typedAlt);
        });
    }

    private Uni<Response> action(String id, String what) {
        viewer.requireSeller();
        return Reply.of(catalog.productAction(Pages.uuid(id, MISSING), what)).flatMap(r -> after(id, r));
    }

    /** After a change: back to the product, or the product with the service's reason when it was refused. */
    private Uni<Response> after(String id, Reply<?> r) {
        if (r.ok()) {
            return Uni.createFrom().item(Pages.redirect("/products/" + id));
        }
        if (r.status() == 404) {
            throw new Pages.Missing(MISSING);
        }
        return page(r.pageStatus(), id, r.explain());
    }

    /**
     * The product's page: the product with its changes waiting for review or refused (none when the catalog has none
     * or could not say), and {@code error} when a change was refused.
     */
    private Uni<Response> page(int status, String id, String error) {
        return page(status, id, error, null, null);
    }

    /**
     * The page with {@code imageError} shown next to the image forms (a refused upload or image change) and the upload
     * form's alt text refilled with {@code typedAlt}.
     */
    private Uni<Response> page(int status, String id, String error, String imageError, String typedAlt) {
        return editing(id).flatMap(e -> {
            ProductImages.Gallery gallery = ProductImages.gallery(
                    ProductImages.editing(e.product(), e.revision()),
                    e.revision() != null && "PENDING".equals(e.revision().status()));
            Uni<RevisionDiffs.Shown> diffs = e.revision() == null
                    ? Uni.createFrom().nullItem()
                    : categories().map(cats -> RevisionDiffs.of(e.revision(), cats));
            return diffs.map(d -> Pages.html(
                    status,
                    Templates.product(
                            viewer.view(),
                            e.product(),
                            d,
                            gallery,
                            error,
                            imageError,
                            typedAlt == null ? "" : typedAlt)));
        });
    }

    /** The product with its revision (null when it has none or the catalog could not say). */
    private record Editing(Product product, Revision revision) {}

    private Uni<Editing> editing(String id) {
        return own(id).flatMap(p -> Reply.of(catalog.revision(id)).map(r -> new Editing(p, r.ok() ? r.body() : null)));
    }

    private Uni<Product> own(String id) {
        return Reply.of(catalog.product(Pages.uuid(id, MISSING))).map(r -> {
            if (!r.ok()) {
                throw new Pages.Missing(MISSING);
            }
            return r.body();
        });
    }

    /** The category tree, flattened for a select. */
    private Uni<List<CategoryOption>> categories() {
        return Reply.of(catalog.categories()).map(r -> ProductDrafts.options(r.orElse(List.of())));
    }
}
