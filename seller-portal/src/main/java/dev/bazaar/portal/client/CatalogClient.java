package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

/**
 * The catalog's seller and admin APIs, called with the signed-in user's own access token (propagated by
 * {@link UserToken}): the catalog decides what the user may see and do. Error answers fail the call with a
 * {@link Refusal}. Each call times out after 5 s (MicroProfile Config: {@code dev.bazaar.portal.client.CatalogClient/Timeout/value}, in milliseconds).
 */
@RegisterRestClient(configKey = "catalog")
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface CatalogClient {

    /** {@code returnWindowDays}: how long after delivery its buyers may return items (0: no returns). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Shop(
            UUID id,
            String name,
            String slug,
            String description,
            String country,
            String status,
            String statusReason,
            Integer returnWindowDays) {}

    /**
     * A user the owner invited to fulfil the shop's orders (catalog's StaffMember); {@code role} is FULFILMENT, the only
     * staff role.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StaffMember(UUID shopId, String subject, String username, String role, Instant invitedAt) {}

    /** Whom the owner invites: a Keycloak user name. */
    record StaffInvite(String username) {}

    /** The shop's return policy for orders placed from now on: 0 to 90 days (null is a 400 on the field). */
    record ReturnPolicy(Integer returnWindowDays) {}

    /** {@code active}: on sale (false: deactivated by the seller, kept for order history; absent: on sale). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Variant(UUID id, String sku, Money price, int available, int onHand, Boolean active) {
        public boolean onSale() {
            return active == null || active;
        }
    }

    /** {@code media}: its images in order (null from an answer without them). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Product(
            UUID id,
            String title,
            String description,
            String status,
            String statusReason,
            List<Variant> variants,
            List<Image> media) {}

    /** What a product says about itself; a revision proposes new content for a live product. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Content(
            String title,
            String description,
            UUID categoryId,
            String brand,
            List<String> tags,
            Map<String, String> attributes,
            List<Image> media) {}

    /**
     * A product's image: its URL and alt text, and for an image uploaded through the catalog its renditions' URLs by
     * name ({@code thumbnail}, {@code card}, {@code full}; empty or null for an image elsewhere on the web).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Image(String url, String alt, Map<String, String> renditions) {}

    /** An image as a product's media list is sent: the catalog works out the renditions from the URL. */
    record MediaItem(String url, String alt) {}

    /** PATCH of a product's images: the whole list, in order (the product's other fields stay). */
    record MediaPatch(List<MediaItem> media) {}

    /** One rendition of an uploaded image: where it is served and what it is. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Rendition(String url, String contentType, int width, int height) {}

    /**
     * An image the catalog took: its id, what was uploaded (type, pixels) and its renditions by name ({@code thumbnail},
     * {@code card}, {@code full}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Uploaded(UUID id, String contentType, int width, int height, Map<String, Rendition> renditions) {}

    /**
     * A live product's changes waiting for an admin ({@code PENDING}) or refused ({@code REJECTED}, with the reason):
     * what is live, what is proposed, and which fields differ.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Revision(
            UUID productId,
            String status,
            String reason,
            Instant submittedAt,
            List<String> changed,
            Content live,
            Content proposed) {}

    /** A node of the category tree; {@code path} is "home/kitchen/mugs". */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Category(UUID id, String path, List<Category> children) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page<T>(List<T> items) {}

    record OpenShop(String name, String slug, String description, String country) {}

    record NewVariant(String sku, Map<String, String> options, Money price, int stock, int weightGrams) {}

    record NewProduct(String title, String description, UUID categoryId, List<NewVariant> variants) {}

    record ProductPatch(String title, String description) {}

    record Stock(int onHand) {}

    /** A variant's new price (PATCH: the variant's other fields stay). */
    record VariantPrice(Money price) {}

    record Reason(String reason) {}

    @GET
    @Path("seller/shop")
    Uni<Shop> shop();

    @POST
    @Path("seller/shop")
    Uni<Shop> openShop(OpenShop shop);

    @PUT
    @Path("seller/shop/policy")
    Uni<Shop> returnPolicy(ReturnPolicy policy);

    @GET
    @Path("seller/shop/staff")
    Uni<List<StaffMember>> staff();

    @POST
    @Path("seller/shop/staff")
    Uni<StaffMember> inviteStaff(StaffInvite invite);

    @DELETE
    @Path("seller/shop/staff/{subject}")
    Uni<Void> removeStaff(@PathParam("subject") String subject);

    @GET
    @Path("seller/products")
    Uni<Page<Product>> products(@QueryParam("size") int size, @QueryParam("status") String status);

    @GET
    @Path("seller/products/{id}")
    Uni<Product> product(@PathParam("id") String id);

    @POST
    @Path("seller/products")
    Uni<Product> createProduct(NewProduct product);

    /** 200: changed; 202: the product is live and the change waits for an admin (its revision). */
    @PATCH
    @Path("seller/products/{id}")
    Uni<Void> updateProduct(@PathParam("id") String id, ProductPatch patch);

    /** The product's images, the whole list (200 or 202 as {@link #updateProduct}). */
    @PATCH
    @Path("seller/products/{id}")
    Uni<Void> setMedia(@PathParam("id") String id, MediaPatch media);

    /**
     * Uploads an image ({@code multipart/form-data}, part {@code file}); the catalog checks the bytes (format, size,
     * pixels) and answers a 400 on {@code file} when it refuses them. Decoding and three renditions of a large photo
     * take longer than a page's other calls, hence 30 s rather than 5.
     */
    @POST
    @Path("seller/media")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    Uni<Uploaded> upload(ClientMultipartForm form);

    @GET
    @Path("seller/products/{id}/revision")
    Uni<Revision> revision(@PathParam("id") String id);

    @DELETE
    @Path("seller/products/{id}/revision")
    Uni<Void> withdrawRevision(@PathParam("id") String id);

    /** {@code action}: submit (for review) or archive. */
    @POST
    @Path("seller/products/{id}/{action}")
    Uni<Product> productAction(@PathParam("id") String id, @PathParam("action") String action);

    @PUT
    @Path("seller/variants/{id}/stock")
    Uni<Void> setStock(@PathParam("id") String variantId, Stock stock);

    @PATCH
    @Path("seller/variants/{id}")
    Uni<Void> changeVariant(@PathParam("id") String variantId, VariantPrice change);

    /** {@code action}: deactivate (stop selling it) or activate (sell it again). */
    @POST
    @Path("seller/variants/{id}/{action}")
    Uni<Void> variantAction(@PathParam("id") String variantId, @PathParam("action") String action);

    @GET
    @Path("categories")
    Uni<List<Category>> categories();

    @GET
    @Path("admin/shops")
    Uni<Page<Shop>> shopsToReview(@QueryParam("status") String status, @QueryParam("size") int size);

    @GET
    @Path("admin/products")
    Uni<Page<Product>> productsToReview(@QueryParam("status") String status, @QueryParam("size") int size);

    @GET
    @Path("admin/revisions")
    Uni<Page<Revision>> revisionsToReview(@QueryParam("status") String status, @QueryParam("size") int size);

    /** {@code kind}: shops, products or revisions (by product id). */
    @POST
    @Path("admin/{kind}/{id}/approve")
    Uni<Void> approve(@PathParam("kind") String kind, @PathParam("id") String id);

    @POST
    @Path("admin/{kind}/{id}/reject")
    Uni<Void> reject(@PathParam("kind") String kind, @PathParam("id") String id, Reason reason);
}
