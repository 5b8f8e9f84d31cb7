package dev.bazaar.devstack.runtime;

import java.util.concurrent.CountDownLatch;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Single-node OpenSearch for the devstack.
 *
 * <p>Usage: {@code OpenSearchMain <base-path> <http-port> <transport-port> <cluster-name>}
 */
public final class OpenSearchMain {

    public static void main(String[] args) throws Exception {
        String basePath = args[0];
        String httpPort = args[1];
        String transportPort = args[2];
        String clusterName = args.length > 3 ? args[3] : "bazaar";
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.onBuild((index, settings) -> {
            settings.put("http.port", httpPort);
            settings.put("transport.port", transportPort);
            settings.put("network.host", "localhost");
            settings.put("http.cors.enabled", false);
            settings.put("action.auto_create_index", true);
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
            // bench/run's raw yardstick sends each search as a GET with ?source=: a search that falls back to fuzzy
            // matching carries four requests in one _msearch (bench/lib/queries.py), past the 4 KB default
            settings.put("http.max_initial_line_length", "16kb");
        });
        runner.build(OpenSearchRunner.newConfigs()
                .basePath(basePath)
                .numOfNode(1)
                .clusterName(clusterName)
                .useLogger());
        System.out.println("OpenSearch node started: http " + httpPort + ", transport " + transportPort);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                System.err.println("close failed: " + e);
            }
            stop.countDown();
        }));
        stop.await();
    }
}
