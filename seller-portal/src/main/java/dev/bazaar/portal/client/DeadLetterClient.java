package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/**
 * The dead-letter queues every service keeps for the topics it consumes (the platform kit's admin API, the same in
 * each): what waits, and a replay once the cause is fixed. One client per service is built by {@link DeadLetters}
 * with the service's URL; the signed-in admin's own token.
 */
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Path("/api/v1/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public interface DeadLetterClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Letter(
            String topic,
            int partition,
            long offset,
            String key,
            String originalTopic,
            long originalOffset,
            String reason,
            Instant at,
            String value) {}

    /** A queue: how many letters wait and the first of them. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Queue(String topic, long depth, List<Letter> letters) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Replayed(String topic, int replayed) {}

    @GET
    Uni<List<Queue>> list(@QueryParam("max") int max);

    /** Every waiting letter handled again; a replay that stopped at a letter is a 409 refusal naming it and why. */
    @POST
    @Path("{topic}/replay")
    @Consumes(MediaType.WILDCARD)
    Uni<Replayed> replay(@PathParam("topic") String topic);
}
