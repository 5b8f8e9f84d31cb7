package dev.bazaar.kit.admission;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** REST endpoints that answer only when the test releases them, as a slow store would. */
@Path("/test/admission")
public class HeldTestResource {

    static final Queue<UniEmitter<? super String>> HELD = new ConcurrentLinkedQueue<>();
    static final Queue<MultiEmitter<? super String>> STREAMS = new ConcurrentLinkedQueue<>();

    /** A reactive answer that waits (cancelled by Quarkus when the client goes away). */
    @GET
    @Path("held")
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<String> held() {
        return Uni.createFrom().<String>emitter(HELD::add);
    }

    /** Server-sent events: one at once, then nothing until released. */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> stream() {
        return Multi.createFrom().<String>emitter(emitter -> {
            emitter.emit("open");
            STREAMS.add(emitter);
        });
    }

    static void releaseAll() {
        UniEmitter<? super String> held;
        while ((held = HELD.poll()) != null) {
            held.complete("released");
        }
        MultiEmitter<? super String> stream;
        while ((stream = STREAMS.poll()) != null) {
            stream.complete();
        }
    }
}
