package dev.bazaar.kit.safety;

/**
 * A service's own production rules, run with the kit's ({@link ProductionSafety}) before anything starts, so one
 * refusal names every offending setting. Register an implementation (public, no-argument constructor, pure: it reads
 * only the {@link Settings}) in {@code META-INF/services/dev.bazaar.kit.safety.ProductionRules}.
 */
public interface ProductionRules {

    void check(Settings settings, Findings findings);
}
