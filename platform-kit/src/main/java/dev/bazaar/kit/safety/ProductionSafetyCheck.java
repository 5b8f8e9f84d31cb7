package dev.bazaar.kit.safety;

import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigSourceInterceptorFactory;
import io.smallrye.config.ConfigValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Runs the production checks ({@link ProductionSafety} and every service's {@link ProductionRules}) when the
 * application's runtime configuration is built in the prod profile — the first thing a started jar does, before
 * Flyway migrates, OIDC discovers its realm or any client connects (a {@code StartupEvent} observer would come after
 * all of those). A refusal stops the start with one message naming every offending setting (exit code 1); warnings
 * (opt-outs in use) are logged once logging is set up. Build time, static init, and the dev and test profiles are
 * left alone.
 * <p>
 * Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptorFactory}; the interceptor it
 * returns passes every lookup through unchanged.
 */
public class ProductionSafetyCheck implements ConfigSourceInterceptorFactory {

    private static final Logger LOG = Logger.getLogger(ProductionSafetyCheck.class);

    @Override
    public ConfigSourceInterceptor getInterceptor(ConfigSourceInterceptorContext context) {
        if (ExecutionMode.current() == ExecutionMode.RUNTIME_INIT) {
            Settings settings = new ContextSettings(context);
            if (isProd(settings)) {
                verify(settings);
            }
        }
        return ConfigSourceInterceptorContext::proceed;
    }

    /** Whether the prod profile is active (a packaged app's default; {@code -Dquarkus.profile=dev} is not). */
    static boolean isProd(Settings settings) {
        String profiles =
                settings.get("quarkus.profile").orElse(LaunchMode.current().getDefaultProfile());
        return Arrays.stream(profiles.split(",")).map(String::trim).anyMatch("prod"::equals);
    }

    static void verify(Settings settings) {
        Findings findings = ProductionSafety.evaluate(settings, serviceRules());
        findings.warnings().forEach(w -> LOG.warnf("production safety: %s", w));
        if (findings.refused()) {
            throw new ConfigurationException(
                    findings.message(settings.get("quarkus.application.name").orElse("the service")));
        }
    }

    private static List<ProductionRules> serviceRules() {
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(ProductionSafetyCheck.class.getClassLoader());
        List<ProductionRules> rules = new ArrayList<>();
        ServiceLoader.load(ProductionRules.class, loader).forEach(rules::add);
        return rules;
    }

    /** The configuration being built, as the interceptors below this one resolve it (profiles, expressions). */
    private record ContextSettings(ConfigSourceInterceptorContext context) implements Settings {

        @Override
        public Optional<String> get(String name) {
            try {
                ConfigValue value = context.proceed(name);
                return Optional.ofNullable(value)
                        .map(ConfigValue::getValue)
                        .map(String::trim)
                        .filter(v -> !v.isEmpty());
            } catch (RuntimeException unresolvable) {
                // ${VARIABLE} with no such variable: not set (Quarkus names it when the value is needed)
                return Optional.empty();
            }
        }

        /**
         * The names the application's configuration defines. Names that only the environment gives are left out:
         * the environment variable {@code KAFKA_SASL_PASSWORD} appears among the names as {@code kafka.sasl.password}
         * though no such setting exists (it is checked through the setting that uses it).
         */
        @Override
        public Set<String> names() {
            Set<String> names = new TreeSet<>();
            for (Iterator<String> it = context.iterateNames(); it.hasNext(); ) {
                String name = it.next();
                if (name != null && name.indexOf('.') > 0 && !name.startsWith("%") && !fromEnvironmentOnly(name)) {
                    names.add(name);
                }
            }
            return names;
        }

        private boolean fromEnvironmentOnly(String name) {
            try {
                ConfigValue value = context.proceed(name);
                return value != null
                        && value.getConfigSourceName() != null
                        && value.getConfigSourceName().startsWith("EnvConfigSource");
            } catch (RuntimeException unresolvable) {
                return false;
            }
        }
    }
}
