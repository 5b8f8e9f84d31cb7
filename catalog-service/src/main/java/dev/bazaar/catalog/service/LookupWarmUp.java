package dev.bazaar.catalog.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.catalog.persistence.VariantLookup;
import dev.bazaar.kit.warmup.WarmUpTask;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the variant lookup — the call behind every add to cart and every quote — {@value #ROUNDS} times before catalog
 * reports ready: the query is parsed and its plan cached, the code from the session to the commission rates and the
 * answer's JSON is loaded and compiled a first time. Without it the first lookups after a start took 0.9–2 s and half
 * of them passed cart's 2 s timeout (#28, {@code bench/cold-cart}). Reads only; on an empty catalogue it looks up an
 * id that does not exist, which still runs the query.
 */
@ApplicationScoped
public class LookupWarmUp implements WarmUpTask {

    static final int ROUNDS = 300;
    private static final int SAMPLE = 20;
    private static final Duration EACH = Duration.ofSeconds(5);

    private final VariantLookup lookup;
    private final CommissionRates rates;
    private final ObjectMapper json;

    public LookupWarmUp(VariantLookup lookup, CommissionRates rates, ObjectMapper json) {
        this.lookup = lookup;
        this.rates = rates;
        this.json = json;
    }

    @Override
    public String name() {
        return "variant-lookup";
    }

    @Override
    public Uni<Void> run() {
        return Panache.withSession(() -> lookup.anyIds(SAMPLE))
                .map(ids -> ids.isEmpty() ? List.of(UUID.randomUUID()) : ids)
                .flatMap(ids -> WarmUpTask.repeat(ROUNDS, EACH, i -> once(batch(ids, i))));
    }

    /** An add's single variant most rounds, a quote's several every fourth. */
    private static List<UUID> batch(List<UUID> ids, int round) {
        int from = round % ids.size();
        int size = round % 4 == 3 ? Math.min(3, ids.size()) : 1;
        return ids.subList(Math.min(from, ids.size() - size), Math.min(from, ids.size() - size) + size);
    }

    private Uni<Integer> once(List<UUID> ids) {
        return Panache.withSession(() -> lookup.find(ids))
                .flatMap(rates::resolve)
                .map(items -> {
                    try {
                        return json.writeValueAsBytes(Map.of("items", items)).length;
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("a variant lookup's answer could not be written", e);
                    }
                });
    }
}
