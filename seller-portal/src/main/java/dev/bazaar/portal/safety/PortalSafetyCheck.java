package dev.bazaar.portal.safety;

import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigSourceInterceptorFactory;
import io.smallrye.config.ConfigValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Runs {@link PortalSafety} when the runtime configuration is built in the prod profile, before anything starts (the
 * same wiring as the platform kit's ProductionSafetyCheck): a refusal stops the start with one message (exit code 1);
 * warnings are logged. Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptorFactory}; the
 * interceptor passes every lookup through unchanged.
 */
public class PortalSafetyCheck implements ConfigSourceInterceptorFactory {

    private static final Logger LOG = Logger.getLogger(PortalSafetyCheck.class);

    @Override
    public ConfigSourceInterceptor getInterceptor(ConfigSourceInterceptorContext context) {
        if (ExecutionMode.current() == ExecutionMode.RUNTIME_INIT) {
            Function<String, Optional<String>> settings = name -> value(context, name);
            String profiles = settings.apply("quarkus.profile")
                    .orElse(LaunchMode.current().getDefaultProfile());
            if (Arrays.stream(profiles.split(",")).map(String::trim).anyMatch("prod"::equals)) {
                PortalSafety.Verdict verdict = PortalSafety.check(settings);
                verdict.warnings().forEach(w -> LOG.warnf("production safety: %s", w));
                if (verdict.refused()) {
                    throw new ConfigurationException(verdict.message(
                            settings.apply("quarkus.application.name").orElse("seller-portal")));
                }
            }
        }
        return ConfigSourceInterceptorContext::proceed;
    }

    private static Optional<String> value(ConfigSourceInterceptorContext context, String name) {
        try {
            return Optional.ofNullable(context.proceed(name))
                    .map(ConfigValue::getValue)
                    .map(String::trim)
                    .filter(v -> !v.isEmpty());
        } catch (RuntimeException unresolvable) {
            return Optional.empty();
        }
    }
}
