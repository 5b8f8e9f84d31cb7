package dev.bazaar.kit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The platform kit's typed settings, one mapping per namespace the kit owns; each service may override any. */
public final class KitSettings {

    private KitSettings() {}

    /**
     * The kit's switches and housekeeping ({@code bazaar.kit.*}); {@code *.enabled} are read at build time, except
     * {@code admission.enabled} (at start-up).
     */
    @ConfigMapping(prefix = "bazaar.kit")
    public interface Kit {
        Switch postgres();

        Switch redis();

        DeadLetters deadLetters();

        /** The admins' audit log ({@code dev.bazaar.kit.audit}); {@code enabled} and {@code store} are build-time. */
        Audit audit();

        /** {@code GET/POST /api/v1/admin/clock} (the adjustable service clock): payment and order switch it on. */
        Switch clockEndpoint();

        /** How often the leader purges expired Idempotency-Keys and old processed-message records ({@code off}). */
        @WithDefault("1h")
        String housekeepingInterval();

        /** Processed-message records are kept this long: longer than Kafka keeps a record, so a redelivery is known. */
        @WithDefault("30d")
        Duration processedMessageRetention();

        /** Proxies whose {@code X-Forwarded-For} is believed (ClientAddress); none by default. */
        Optional<List<String>> trustedProxies();

        /**
         * The bound on HTTP requests in flight ({@code dev.bazaar.kit.admission}): past it a request is refused at
         * once with 503, before anything else reads it. Read at start-up.
         */
        Admission admission();

        /** The start-up warm-up ({@code dev.bazaar.kit.warmup}): readiness waits for it. Read at start-up. */
        WarmUp warmUp();

        interface Switch {
            @WithDefault("false")
            boolean enabled();
        }

        interface Audit {
            @WithDefault("false")
            boolean enabled();

            /** {@code postgres} (the kit's tables) or {@code redis}; a service with neither brings its own store. */
            @WithDefault("postgres")
            String store();
        }

        interface Admission {
            /** Off: nothing is counted or refused. */
            @WithDefault("true")
            boolean enabled();

            /**
             * Requests a replica holds at most, from arrival until their response starts (a stream, once started,
             * no longer counts); one more is refused. Not {@code /q/} (health, metrics), never counted or refused.
             */
            @WithDefault("512")
            int maxInFlight();

            /** The refusal's {@code Retry-After}, in whole seconds (rounded up, at least 1). */
            @WithDefault("1s")
            Duration retryAfter();
        }

        interface WarmUp {
            /** Off: the service is ready as soon as it has started, its first requests pay the first-use costs. */
            @WithDefault("true")
            boolean enabled();

            /** Readiness waits at most this long for all the tasks together; what is left then is not run. */
            @WithDefault("30s")
            Duration timeout();

            /** The reactive PostgreSQL pool's connections opened before ready (at most the pool's own size). */
            @WithDefault("8")
            int connections();
        }

        interface DeadLetters {
            @WithDefault("false")
            boolean enabled();

            /** A replay stops at a letter whose handler has not finished after this long. */
            @WithDefault("2m")
            Duration replayTimeout();
        }
    }

    /** The transactional outbox's relay ({@code bazaar.outbox.*}). */
    @ConfigMapping(prefix = "bazaar.outbox")
    public interface Outbox {
        /** How often the relay looks for unsent rows when no NOTIFY woke it. */
        @WithDefault("1s")
        Duration pollInterval();

        Relay relay();

        interface Relay {
            /** Off in tests that drive their own relays. */
            @WithDefault("true")
            boolean enabled();
        }
    }

    /** The Idempotency-Key store ({@code bazaar.idempotency.*}). */
    @ConfigMapping(prefix = "bazaar.idempotency")
    public interface Idempotency {
        /** How long a key and its stored answer are kept (a retry after this is a new request). */
        @WithDefault("24h")
        Duration ttl();

        /** A claim left without an answer (the replica died mid-request) is taken over after this long. */
        @WithDefault("2m")
        Duration claimTimeout();
    }

    /** The verified-token cache ({@code bazaar.security.token-cache.*}; {@code enabled} is read at build time). */
    @ConfigMapping(prefix = "bazaar.security.token-cache")
    public interface TokenCache {
        @WithDefault("true")
        boolean enabled();

        /** At most this many tokens are remembered (least recently used go first). */
        @WithDefault("20000")
        int maxEntries();

        /** A token is remembered at most this long, and never past its own {@code exp}. */
        @WithName("ttl-seconds")
        @WithDefault("300")
        long ttlSeconds();
    }
}
