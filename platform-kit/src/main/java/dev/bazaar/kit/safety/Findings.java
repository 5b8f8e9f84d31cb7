package dev.bazaar.kit.safety;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the production checks found: refusals (each names the setting, what is wrong with it — never its value when it
 * is a secret — and what to set instead) and warnings (an opt-out in use, logged at start).
 */
public final class Findings {

    /** ADR with every check and opt-out; named at the end of a refusal. */
    public static final String ADR = "docs/adr/0011-production-refuses-unsafe-settings.md";

    /** One unsafe setting: {@code "<setting> <problem>. <fix>."}. */
    public record Refusal(String setting, String problem, String fix) {

        public String line() {
            return setting + " " + problem + ". " + Character.toUpperCase(fix.charAt(0)) + fix.substring(1) + ".";
        }
    }

    private final Set<Refusal> refusals = new LinkedHashSet<>();
    private final Set<String> warnings = new LinkedHashSet<>();

    public void refuse(String setting, String problem, String fix) {
        refusals.add(new Refusal(setting, problem, fix));
    }

    public void warn(String warning) {
        warnings.add(warning);
    }

    public List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public boolean refused() {
        return !refusals.isEmpty();
    }

    /** The refusal as one message naming every offending setting. */
    public String message(String service) {
        long settings = refusals.stream().map(Refusal::setting).distinct().count();
        List<String> lines = new ArrayList<>();
        lines.add(service + " refuses to start in the prod profile: " + settings
                + (settings == 1 ? " setting is" : " settings are")
                + " unsafe for production (development values, or this host). Nothing has been "
                + "connected to yet.");
        refusals.forEach(r -> lines.add("  - " + r.line()));
        lines.add("Every check and opt-out: " + ADR);
        return String.join("\n", lines);
    }
}
