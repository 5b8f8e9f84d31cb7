package dev.bazaar.kit.clock;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code bazaar.clock.*}: whether admins may move the service's clock forward (dev and test profiles only). */
@ConfigMapping(prefix = "bazaar.clock")
public interface ClockConfig {

    @WithDefault("false")
    boolean adjustable();
}
