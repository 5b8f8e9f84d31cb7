package dev.bazaar.kit.safety;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings a production check reads: the values in effect for the active profile, by name. A pure view, so the
 * rules are plain functions of it (tests build one from a map).
 */
public interface Settings {

    /**
     * The value in effect, trimmed; empty when it is not set, blank, or names an environment variable that is not set.
     */
    Optional<String> get(String name);

    /** The names of every setting there is (the active profile's, without their {@code %profile.} prefix). */
    Set<String> names();

    /** Whether a flag is set to {@code true} under any of these names (a property and its short environment alias). */
    default boolean isTrue(String... names) {
        for (String name : names) {
            if (get(name).map(v -> v.toLowerCase(Locale.ROOT).equals("true")).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** Fixed settings (tests). */
    static Settings of(Map<String, String> values) {
        return new Settings() {
            @Override
            public Optional<String> get(String name) {
                return Optional.ofNullable(values.get(name)).map(String::trim).filter(v -> !v.isEmpty());
            }

            @Override
            public Set<String> names() {
                return new TreeSet<>(values.keySet());
            }
        };
    }
}
