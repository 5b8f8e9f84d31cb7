package dev.bazaar.order.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Carriers are configured by name, in a file or by an environment variable alone (how production sets them). */
class CarrierConfigTest {

    static OrderConfig config(Map<String, String> properties, Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(OrderConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter()) // "14d", as Quarkus reads it
                .withSources(new PropertiesConfigSource(properties, "test", 250), new EnvConfigSource(env, 300))
                .build();
        return config.getConfigMapping(OrderConfig.class);
    }

    @Test
    void noCarrierUnlessOneIsConfigured() {
        OrderConfig none = config(Map.of(), Map.of());
        assertThat(none.carriers()).isEmpty();
        assertThat(none.carrierSignatureTolerance()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aCarrierIsConfiguredInAFileOrByAnEnvironmentVariable() {
        OrderConfig config = config(
                Map.of("bazaar.orders.carriers.test.secret", "s1"), Map.of("BAZAAR_ORDERS_CARRIERS_DHL_SECRET", "s2"));
        assertThat(config.carriers()).hasSize(2);
        assertThat(config.carriers().get("test").secret()).contains("s1");
        assertThat(config.carriers().entrySet()).anySatisfy(e -> {
            assertThat(e.getKey()).isEqualToIgnoringCase("dhl");
            assertThat(e.getValue().secret()).contains("s2");
        });
    }
}
