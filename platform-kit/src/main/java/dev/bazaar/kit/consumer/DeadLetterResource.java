package dev.bazaar.kit.consumer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bazaar.kit.problem.Problem;
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
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * Admins see what waits in the dead-letter queues of the topics this service consumes, and replay a queue once its
 * cause is fixed: this service's own handlers take the letters, in process ({@link DeadLetters#replay};
 * docs/runbooks/dead-letters.md). A replay that stopped at a letter answers 409 problem+json naming it and why.
 */
@Path("/api/v1/admin/dead-letters")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "bazaar.kit.dead-letters.enabled", stringValue = "true")
public class DeadLetterResource {

    /** What a replay did: every waiting letter was handled. */
    public record Replayed(String topic, int replayed) {}

    /**
     * A replay that stopped at a letter: an RFC 9457 problem ({@code application/problem+json}) with, as extension
     * members, the DLQ, how many letters were replayed (committed) before it, and the letter with the reason.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReplayStopped(
            URI type,
            String title,
            int status,
            String detail,
            String instance,
            String topic,
            int replayed,
            DeadLetters.Stopped stoppedAt) {}

    static final String STOPPED = "dead-letter-replay-stopped";

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
    public Uni<Response> replay(@PathParam("topic") String topic) {
        if (!letters.topics().contains(topic)) {
            throw new ProblemException.NotFound(
                    "No dead-letter queue " + topic + " here; this service's are " + letters.topics() + ".");
        }
        return letters.replay(topic).map(DeadLetterResource::answer);
    }

    /** 200 {@code {"topic", "replayed"}} when every letter was handled; 409 problem+json when it stopped at one. */
    static Response answer(DeadLetters.Replay replay) {
        DeadLetters.Stopped s = replay.stoppedAt();
        if (s == null) {
            return Response.ok(new Replayed(replay.topic(), replay.replayed()))
                    .type(MediaType.APPLICATION_JSON)
                    .build();
        }
        String detail = "Replayed " + replay.replayed() + " letter(s) of " + replay.topic() + ", then stopped at "
                + s.topic() + "/" + s.partition() + "/" + s.offset() + " (from " + s.originalTopic() + "): "
                + s.reason() + ". That letter and those after it still wait: fix the cause and replay again "
                + "(docs/runbooks/dead-letters.md).";
        return Response.status(409)
                .type(Problem.MEDIA_TYPE)
                .entity(new ReplayStopped(
                        Problem.type(STOPPED),
                        "Replay stopped",
                        409,
                        detail,
                        "/api/v1/admin/dead-letters/" + replay.topic() + "/replay",
                        replay.topic(),
                        replay.replayed(),
                        s))
                .build();
    }
}
