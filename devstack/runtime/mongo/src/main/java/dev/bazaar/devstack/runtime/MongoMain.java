package dev.bazaar.devstack.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * MongoDB wire-protocol server (mongo-java-server) for the devstack.
 *
 * <p>Usage: {@code MongoMain <host> <port> memory} or {@code MongoMain <host> <port> h2 <file>} (the H2 MVStore file keeps
 * the data across restarts).
 */
public final class MongoMain {

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String backendName = args.length > 2 ? args[2] : "memory";
        MongoBackend backend;
        if ("h2".equals(backendName)) {
            Path file = Path.of(args[3]).toAbsolutePath();
            Files.createDirectories(file.getParent());
            backend = new H2Backend(file.toString());
        } else {
            backend = new MemoryBackend();
        }
        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        System.out.println("MongoDB-wire server (" + backendName + ") listening on " + host + ":" + port);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            stop.countDown();
        }));
        stop.await();
    }
}
