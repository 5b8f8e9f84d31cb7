package dev.bazaar.order.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** {@code bazaar.orders.*}. */
@ConfigMapping(prefix = "bazaar.orders")
public interface OrderConfig {

    /**
     * How long a replica reuses the read models' generations ({@code projection_meta}) before it reads them again:
     * every projection and every read needs them. A rebuild waits twice this long after announcing a generation and
     * after switching to it, so every replica has seen the change before the rebuild reads the store or drops the old.
     */
    @WithDefault("1s")
    Duration generationsCache();

    /** How long after a group's delivery its items may be returned (API.md: 30 days by default). */
    @WithDefault("30d")
    Duration returnWindow();

    /** How often the leader closes orders whose return windows passed ({@code off} = only on demand, as in tests). */
    @WithDefault("1h")
    String completionInterval();

    /** How many due orders the completion job reads at a time (it pages through all of them every run). */
    @WithDefault("500")
    int completionPageSize();

    /** A group shipped in full this long ago that nobody marked delivered counts as delivered (14 days). */
    @WithDefault("14d")
    Duration autoDeliverAfter();

    /** How often the leader looks for such groups ({@code off} = only on demand, as in tests). */
    @WithDefault("1h")
    String deliveryInterval();

    /** How long a seller has to decide a return before it goes to the admins' queue (3 days). */
    @WithDefault("3d")
    Duration returnDecisionWithin();

    /** How often the leader escalates undecided returns ({@code off} = only on demand, as in tests). */
    @WithDefault("1h")
    String returnEscalationInterval();

    /**
     * The carriers whose signed tracking events {@code POST /api/v1/carriers/{carrier}/events} accepts, by name
     * ({@code bazaar.orders.carriers.<name>.secret}; production: {@code BAZAAR_ORDERS_CARRIERS_<NAME>_SECRET}). None by
     * default: a carrier without a secret is unknown there (404). Names are letters and digits, matched ignoring case.
     */
    Map<String, Carrier> carriers();

    /** How far a carrier event's signature timestamp may be from now, either way (replays older than this: refused). */
    @WithDefault("5m")
    Duration carrierSignatureTolerance();

    /** One carrier's webhook. */
    interface Carrier {

        /** The secret its events are signed with (HMAC-SHA256); absent or empty: the carrier is not accepted. */
        Optional<String> secret();
    }

    /** The benchmark's seed and bare endpoints ({@code /bench/*}): the load and bench profiles only, never production. */
    @WithDefault("false")
    boolean benchEndpoints();
}
