package dev.bazaar.catalog.rest;

import static dev.bazaar.catalog.rest.AdminShopResource.UUID_PATTERN;

import dev.bazaar.catalog.domain.Media;
import dev.bazaar.catalog.service.ProductMedia;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.tenancy.CurrentUser;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * A seller's product images (#26): upload one ({@code multipart/form-data}, part {@code file}: a JPEG, PNG or WebP),
 * read it, delete it with all its renditions. Always within the seller's own shop: another shop's media is 404.
 */
@Path("/api/v1/seller/media")
@RolesAllowed("seller")
@Produces(MediaType.APPLICATION_JSON)
public class SellerMediaResource {

    /** One rendition as clients use it: where to load it from, and what they will get. */
    public record RenditionView(String url, String contentType, int width, int height) {}

    /**
     * An uploaded image: its id (what a product's media refers to), what was uploaded (type and size in pixels) and
     * its renditions by name — {@code thumbnail}, {@code card}, {@code full}.
     */
    public record MediaView(
            UUID id, String contentType, int width, int height, Map<String, RenditionView> renditions) {}

    private final ProductMedia media;
    private final CurrentUser user;

    public SellerMediaResource(ProductMedia media, CurrentUser user) {
        this.media = media;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<Response> upload(@RestForm("file") FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            return Uni.createFrom()
                    .failure(new ProblemException.Invalid(
                            "file", "an image is required: a multipart/form-data part named 'file'"));
        }
        return media.upload(user.subject(), file.uploadedFile())
                .map(m -> Response.created(URI.create("/api/v1/seller/media/" + m.id()))
                        .entity(view(m))
                        .build());
    }

    @GET
    @Path("{id}")
    public Uni<MediaView> get(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return media.own(user.subject(), UUID.fromString(id)).map(this::view);
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return media.delete(user.subject(), UUID.fromString(id))
                .map(x -> Response.noContent().build());
    }

    private MediaView view(Media m) {
        Map<String, RenditionView> renditions = new LinkedHashMap<>();
        for (Media.Stored r : m.renditions()) {
            renditions.put(r.rendition().id(), new RenditionView(media.url(r), r.contentType(), r.width(), r.height()));
        }
        return new MediaView(m.id(), m.format().contentType(), m.width(), m.height(), renditions);
    }
}
