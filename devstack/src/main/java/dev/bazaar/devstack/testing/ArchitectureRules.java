package dev.bazaar.devstack.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Where each kind of code lives (README "Architecture", docs/code-layout.md), checked over a service's main classes:
 * <ul>
 *   <li>data access only in {@code persistence/}: no other package runs SQL text (the reactive pg client's
 *       {@code query}/{@code preparedQuery}), reads rows ({@code Row}, {@code RowSet}, {@code Tuple}) or touches the
 *       MongoDB client; a use case may hold a transaction handle ({@code Pool.withTransaction}'s connection) and pass
 *       it to a repository, which owns the SQL;</li>
 *   <li>Kafka consumers ({@code @Incoming}) only in {@code messaging/};</li>
 *   <li>REST resources ({@code @Path}) only in {@code rest/}, REST clients ({@code @RegisterRestClient}) only in
 *       {@code client/};</li>
 *   <li>{@code domain/} is pure: no Quarkus, Vert.x, Mutiny, JAX-RS, persistence or Kafka types.</li>
 * </ul>
 * Each service's {@code ArchitectureTest} calls {@link #check(String)} with its root package.
 */
public final class ArchitectureRules {

    private static final String[] OUTSIDE_PERSISTENCE = {"..rest..", "..service..", "..messaging..", "..client..",
            "..provider..", "..domain..", "..config.."};

    private static final Set<String> ROW_TYPES = Set.of("io.vertx.mutiny.sqlclient.Row",
            "io.vertx.mutiny.sqlclient.RowSet", "io.vertx.mutiny.sqlclient.RowIterator",
            "io.vertx.mutiny.sqlclient.Tuple", "io.vertx.mutiny.sqlclient.PreparedQuery",
            "io.vertx.mutiny.sqlclient.Query", "io.vertx.sqlclient.Row", "io.vertx.sqlclient.Tuple");

    private ArchitectureRules() {
    }

    /** The rules, for a service whose classes live under {@code rootPackage} (e.g. "dev.bazaar.payment"). */
    public static List<ArchRule> rules() {
        List<ArchRule> rules = new ArrayList<>();
        rules.add(noClasses().that().resideInAnyPackage(OUTSIDE_PERSISTENCE)
                .should().callMethodWhere(runsSql())
                .because("SQL lives in persistence/: a use case calls a repository method"));
        rules.add(noClasses().that().resideInAnyPackage(OUTSIDE_PERSISTENCE)
                .should().dependOnClassesThat(rowTypes())
                .because("rows and query parameters are persistence's business"));
        rules.add(noClasses().that().resideInAnyPackage(OUTSIDE_PERSISTENCE)
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus.mongodb..", "com.mongodb..",
                        "org.bson..")
                .because("MongoDB documents and collections are persistence's business"));
        rules.add(methods().that().areAnnotatedWith("org.eclipse.microprofile.reactive.messaging.Incoming")
                .should().beDeclaredInClassesThat().resideInAPackage("..messaging..")
                .because("consumers live in messaging/"));
        rules.add(noClasses().that().areAnnotatedWith("jakarta.ws.rs.Path").and().areNotInterfaces()
                .should().resideOutsideOfPackage("..rest..")
                .because("a request enters in rest/"));
        rules.add(noClasses().that().areAnnotatedWith(
                        "org.eclipse.microprofile.rest.client.inject.RegisterRestClient")
                .should().resideOutsideOfPackage("..client..")
                .because("outbound calls live in client/"));
        rules.add(noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.vertx..", "io.smallrye..",
                        "jakarta.ws.rs..", "jakarta.persistence..", "org.hibernate..", "org.apache.kafka..",
                        "com.mongodb..", "org.bson..")
                .because("domain rules are pure Java"));
        return rules;
    }

    /** Imports the service's main classes (not tests) under {@code rootPackage}; throws listing every violation. */
    public static void check(String rootPackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
        if (classes.isEmpty()) {
            throw new AssertionError("no classes found under " + rootPackage);
        }
        List<String> failures = new ArrayList<>();
        for (ArchRule rule : rules()) {
            EvaluationResult result = rule.allowEmptyShould(true).evaluate(classes);
            if (result.hasViolation()) {
                failures.add(result.getFailureReport().toString());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n\n", failures));
        }
    }

    private static DescribedPredicate<JavaAccess<?>> runsSql() {
        return DescribedPredicate.describe("a query of the reactive SQL client (query/preparedQuery)", access -> {
            if (!(access.getTarget().getName().equals("query") || access.getTarget().getName().equals("preparedQuery"))) {
                return false;
            }
            JavaClass owner = access.getTargetOwner();
            return owner.getPackageName().startsWith("io.vertx.mutiny.sqlclient")
                    || owner.getPackageName().startsWith("io.vertx.sqlclient")
                    || owner.getPackageName().startsWith("io.vertx.mutiny.pgclient");
        });
    }

    private static DescribedPredicate<JavaClass> rowTypes() {
        return DescribedPredicate.describe("rows or query parameters of the reactive SQL client",
                c -> ROW_TYPES.contains(c.getName()));
    }
}
