package dev.bazaar.catalog.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.catalog.config.CatalogConfig;
import dev.bazaar.catalog.config.SearchTuning;
import dev.bazaar.catalog.persistence.ProductIndex;
import dev.bazaar.kit.money.DisplayRates;
import dev.bazaar.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A search the engine does not answer — the guard's timeout, its open breaker, a refused connection — is a 503
 * {@code search-unavailable} with Retry-After; any other failure stays what it was. Without an engine: ProductIndex's
 * searches fail as the guard would make them fail.
 */
class ProductSearchOutageTest {

    @Test
    void aTimeoutAnOpenBreakerOrARefusedConnectionIsA503WithRetryAfter() {
        for (Throwable away : new Throwable[] {
            new TimeoutException("ProductIndex#search timed out"),
            new CircuitBreakerOpenException("ProductIndex#search breaker open"),
            new ConnectException("Connection refused")
        }) {
            ProductSearch search = searchFailingWith(away);
            assertUnavailable(() -> search.search(query(false)).await().indefinitely());
            assertUnavailable(() -> search.search(query(true)).await().indefinitely());
            assertUnavailable(() -> search.suggest("runn").await().indefinitely());
        }
    }

    @Test
    void anyOtherFailureIsNotAnOutage() {
        ProductSearch search = searchFailingWith(new IllegalStateException("a bug"));
        assertThatThrownBy(() -> search.search(query(true)).await().indefinitely())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a bug");
    }

    private static void assertUnavailable(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.Unavailable.class, p -> {
            assertThat(p.status()).isEqualTo(503);
            assertThat(p.retryAfter()).isEqualTo(Duration.ofSeconds(5));
            assertThat(p.toProblem().type().toString()).endsWith("/search-unavailable");
        });
    }

    /** A first page with facets goes out as one _msearch, a deeper one as a _search. */
    private static ProductSearch.Query query(boolean firstPage) {
        return new ProductSearch.Query(
                "mug",
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of(),
                "relevance",
                firstPage ? 0 : 1,
                20,
                null,
                null,
                true);
    }

    private static ProductSearch searchFailingWith(Throwable failure) {
        CatalogConfig config = new CatalogConfig() {
            @Override
            public String reservationSweepInterval() {
                return "off";
            }

            @Override
            public boolean benchEndpoints() {
                return false;
            }

            @Override
            public Search search() {
                return () -> "products";
            }
        };
        ProductIndex index = new ProductIndex(null, config) {
            @Override
            public Uni<JsonObject> search(JsonObject query) {
                return Uni.createFrom().failure(failure);
            }

            @Override
            public Uni<JsonObject> msearch(String ndjson) {
                return Uni.createFrom().failure(failure);
            }
        };
        SearchTuning tuning = new SearchTuning() {
            @Override
            public int fuzzyFallbackBelow() {
                return 3;
            }

            @Override
            public Cache cache() {
                return new Cache() {
                    @Override
                    public boolean enabled() {
                        return true;
                    }

                    @Override
                    public Duration ttl() {
                        return Duration.ofSeconds(5);
                    }

                    @Override
                    public int maxEntries() {
                        return 10;
                    }

                    @Override
                    public Duration refreshAllowance() {
                        return Duration.ofSeconds(2);
                    }
                };
            }
        };
        DisplayRates rates = new DisplayRates() {
            @Override
            public Map<String, BigDecimal> rates() {
                return Map.of();
            }

            @Override
            public String asOf() {
                return "2026-11-23";
            }
        };
        return new ProductSearch(index, rates, new SearchCache(index, tuning), tuning);
    }
}
