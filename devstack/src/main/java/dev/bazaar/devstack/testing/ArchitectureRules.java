package dev.bazaar.devstack.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.domain.properties.HasSourceCodeLocation;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
 * and the house rules of "One way to do each thing" that code once slipped on (issue #22):
 * <ul>
 *   <li>settings come through {@code @ConfigMapping} interfaces: no {@code @ConfigProperty} on a field, a method or a
 *       parameter, except for Quarkus's own {@code quarkus.*} keys (the platform kit is checked too,
 *       {@link #checkKit});</li>
 *   <li>JSON is read and written with the application's {@code ObjectMapper} (Quarkus's, with its modules and
 *       customizers), injected: no {@code new ObjectMapper()};</li>
 *   <li>order and payment ({@link #CLOCKED}) take the time from the injected {@code Clock}, which tests and demos move:
 *       no {@code Instant.now()}.</li>
 * </ul>
 * Each service's {@code ArchitectureTest} calls {@link #check(String)} with its root package; a rule about packages
 * another service's classes are not in finds nothing there and passes.
 */
public final class ArchitectureRules {

    private static final String[] OUTSIDE_PERSISTENCE = {
        "..rest..", "..service..", "..messaging..", "..client..", "..provider..", "..domain..", "..config.."
    };

    private static final Set<String> ROW_TYPES = Set.of(
            "io.vertx.mutiny.sqlclient.Row",
            "io.vertx.mutiny.sqlclient.RowSet",
            "io.vertx.mutiny.sqlclient.RowIterator",
            "io.vertx.mutiny.sqlclient.Tuple",
            "io.vertx.mutiny.sqlclient.PreparedQuery",
            "io.vertx.mutiny.sqlclient.Query",
            "io.vertx.sqlclient.Row",
            "io.vertx.sqlclient.Tuple");

    /** The services whose code takes the time from the injected {@code Clock} only (docs/code-layout.md, "Time"). */
    public static final List<String> CLOCKED = List.of("dev.bazaar.order..", "dev.bazaar.payment..");

    private static final String CONFIG_PROPERTY = "org.eclipse.microprofile.config.inject.ConfigProperty";
    private static final String OBJECT_MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";

    private ArchitectureRules() {}

    /** The rules, for a service whose classes live under {@code rootPackage} (e.g. "dev.bazaar.payment"). */
    public static List<ArchRule> rules() {
        List<ArchRule> rules = new ArrayList<>();
        rules.add(noClasses()
                .that()
                .resideInAnyPackage(OUTSIDE_PERSISTENCE)
                .should()
                .callMethodWhere(runsSql())
                .because("SQL lives in persistence/: a use case calls a repository method"));
        rules.add(noClasses()
                .that()
                .resideInAnyPackage(OUTSIDE_PERSISTENCE)
                .should()
                .dependOnClassesThat(rowTypes())
                .because("rows and query parameters are persistence's business"));
        rules.add(noClasses()
                .that()
                .resideInAnyPackage(OUTSIDE_PERSISTENCE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.quarkus.mongodb..", "com.mongodb..", "org.bson..")
                .because("MongoDB documents and collections are persistence's business"));
        rules.add(methods()
                .that()
                .areAnnotatedWith("org.eclipse.microprofile.reactive.messaging.Incoming")
                .should()
                .beDeclaredInClassesThat()
                .resideInAPackage("..messaging..")
                .because("consumers live in messaging/"));
        rules.add(noClasses()
                .that()
                .areAnnotatedWith("jakarta.ws.rs.Path")
                .and()
                .areNotInterfaces()
                .should()
                .resideOutsideOfPackage("..rest..")
                .because("a request enters in rest/"));
        rules.add(noClasses()
                .that()
                .areAnnotatedWith("org.eclipse.microprofile.rest.client.inject.RegisterRestClient")
                .should()
                .resideOutsideOfPackage("..client..")
                .because("outbound calls live in client/"));
        rules.add(noClasses()
                .that()
                .resideInAPackage("..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.quarkus..",
                        "io.vertx..",
                        "io.smallrye..",
                        "jakarta.ws.rs..",
                        "jakarta.persistence..",
                        "org.hibernate..",
                        "org.apache.kafka..",
                        "com.mongodb..",
                        "org.bson..")
                .because("domain rules are pure Java"));
        rules.addAll(houseRules());
        rules.add(takeTheTimeFromTheClock(CLOCKED.toArray(String[]::new)));
        return rules;
    }

    /**
     * The rules the platform kit keeps too (its packages are by concern, not by layer): settings through
     * {@code @ConfigMapping}, the injected {@code ObjectMapper}.
     */
    public static List<ArchRule> houseRules() {
        return List.of(
                classes()
                        .should(injectNoConfigProperty())
                        .because("our settings are @ConfigMapping interfaces in config/, their defaults documented "
                                + "there; only Quarkus's own (quarkus.*) may be read one by one (docs/code-layout.md, "
                                + "\"Config\")"),
                noClasses()
                        .should()
                        .callConstructorWhere(makesAnObjectMapper())
                        .because("the application's ObjectMapper is injected: Quarkus's, with its modules and "
                                + "customizers (docs/code-layout.md)"));
    }

    /**
     * No {@code Instant.now()} in the classes under {@code packages} (ArchUnit package patterns, e.g.
     * {@code "dev.bazaar.order.."}): the time comes from the injected {@code Clock} ({@code clock.instant()},
     * {@code Instant.now(clock)}), which tests and demos move forward.
     */
    public static ArchRule takeTheTimeFromTheClock(String... packages) {
        return noClasses()
                .that()
                .resideInAnyPackage(packages)
                .should()
                .callMethod("java.time.Instant", "now")
                .because("this service takes the time from the injected Clock (clock.instant()), which tests and "
                        + "demos move forward (docs/code-layout.md, \"Time\")");
    }

    /** Imports the service's main classes (not tests) under {@code rootPackage}; throws listing every violation. */
    public static void check(String rootPackage) {
        check(rootPackage, rules());
    }

    /** The platform kit's check: {@link #houseRules()} over its main classes under {@code rootPackage}. */
    public static void checkKit(String rootPackage) {
        check(rootPackage, houseRules());
    }

    private static void check(String rootPackage, List<ArchRule> rules) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
        if (classes.isEmpty()) {
            throw new AssertionError("no classes found under " + rootPackage);
        }
        List<String> failures = new ArrayList<>();
        for (ArchRule rule : rules) {
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
            if (!(access.getTarget().getName().equals("query")
                    || access.getTarget().getName().equals("preparedQuery"))) {
                return false;
            }
            JavaClass owner = access.getTargetOwner();
            return owner.getPackageName().startsWith("io.vertx.mutiny.sqlclient")
                    || owner.getPackageName().startsWith("io.vertx.sqlclient")
                    || owner.getPackageName().startsWith("io.vertx.mutiny.pgclient");
        });
    }

    /** Fields, methods (setter injection) and parameters (constructors, observers, producers) alike. */
    private static ArchCondition<JavaClass> injectNoConfigProperty() {
        return new ArchCondition<>("inject no @ConfigProperty") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (JavaField field : c.getFields()) {
                    readsConfigProperty(
                            field.tryGetAnnotationOfType(CONFIG_PROPERTY).orElse(null),
                            "field " + field.getFullName(),
                            field,
                            events);
                }
                for (JavaCodeUnit unit : c.getCodeUnits()) {
                    readsConfigProperty(
                            unit.tryGetAnnotationOfType(CONFIG_PROPERTY).orElse(null),
                            "method " + unit.getFullName(),
                            unit,
                            events);
                    for (JavaParameter parameter : unit.getParameters()) {
                        readsConfigProperty(
                                parameter
                                        .tryGetAnnotationOfType(CONFIG_PROPERTY)
                                        .orElse(null),
                                "parameter " + parameter.getIndex() + " of " + unit.getFullName(),
                                unit,
                                events);
                    }
                }
            }
        };
    }

    private static void readsConfigProperty(
            JavaAnnotation<?> annotation, String where, HasSourceCodeLocation at, ConditionEvents events) {
        if (annotation != null) {
            Object name = annotation.get("name").orElse("");
            if (String.valueOf(name).startsWith("quarkus.")) {
                return; // Quarkus's own setting (the application's name, the body limit): not ours to map
            }
            events.add(SimpleConditionEvent.violated(
                    at, where + " reads @ConfigProperty(name = \"" + name + "\") in " + at.getSourceCodeLocation()));
        }
    }

    private static DescribedPredicate<JavaConstructorCall> makesAnObjectMapper() {
        return DescribedPredicate.describe("the target is ObjectMapper or a subclass (JsonMapper, …)", call -> {
            JavaClass owner = call.getTargetOwner();
            return owner.getName().equals(OBJECT_MAPPER) || owner.isAssignableTo(OBJECT_MAPPER);
        });
    }

    private static DescribedPredicate<JavaClass> rowTypes() {
        return DescribedPredicate.describe(
                "rows or query parameters of the reactive SQL client", c -> ROW_TYPES.contains(c.getName()));
    }
}
