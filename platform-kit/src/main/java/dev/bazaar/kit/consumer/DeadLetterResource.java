package dev.bazaar.kit.consumer;

import dev.bazaar.kit.problem.ProblemException;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * Admins see what waits in the dead-letter queues of the topics this service consumes, and replay a queue once its
 * cause is fixed (docs/runbooks/dead-letters.md).
 */
@Path("/api/v1/admin/dead-letters")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "bazaar.kit.dead-letters.enabled", stringValue = "true")
public class DeadLetterResource {

    /** What a replay did. */
    public record Replayed(String topic, int replayed) {
    }

    private final DeadLetters letters;

    public DeadLetterResource(DeadLetters letters) {
        this.letters = letters;
    }

    @GET
    public Uni<List<DeadLetters.Queue>> list(@QueryParam("max") @DefaultValue("20") int max) {
        if (max < 0 || max > 500) {
            throw new ProblemException.Invalid("max", "is 0 to 500");
        }
        return letters.list(max);
    }

    @POST
    @Path("{topic}/replay")
    public Uni<Replayed> replay(@PathParam("topic") String topic) {
        if (!letters.topics().contains(topic)) {
            throw new ProblemException.NotFound("No dead-letter queue " + topic + " here; this service's are "
                    + letters.topics() + ".");
        }
        return letters.replay(topic).map(n -> new Replayed(topic, n));
    }
}
