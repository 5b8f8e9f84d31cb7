package dev.bazaar.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A violation names the field as the client sent it: the whole path in the body, or the parameter's name. */
class ViolationFieldTest {

    record Address(@NotBlank String line1, String city) {}

    record Line(@Min(1) int quantity) {}

    record Order(
            @Valid @NotNull Address shippingAddress, List<@Valid Line> lines, Map<String, @NotBlank String> notes) {}

    /** A resource method: a body and a query parameter. */
    static class Resource {
        public void place(@Valid @NotNull Order order, @Max(50) int max) {}
    }

    private static jakarta.validation.ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void aNestedBodyFieldIsNamedByItsWholePath() throws Exception {
        Order order = new Order(new Address(" ", "Lyon"), List.of(new Line(2), new Line(0)), Map.of("gift", ""));
        Method place = Resource.class.getMethod("place", Order.class, int.class);
        Set<ConstraintViolation<Resource>> violations =
                validator.forExecutables().validateParameters(new Resource(), place, new Object[] {order, 51});
        Set<String> fields = new TreeSet<>();
        violations.forEach(v -> fields.add(ProblemMappers.field(v)));
        assertThat(fields).containsExactly("lines[1].quantity", "max", "notes[gift]", "shippingAddress.line1");
    }

    @Test
    void aMissingBodyIsNamedByItsParameter() throws Exception {
        Method place = Resource.class.getMethod("place", Order.class, int.class);
        Set<ConstraintViolation<Resource>> violations =
                validator.forExecutables().validateParameters(new Resource(), place, new Object[] {null, 1});
        assertThat(violations).extracting(ProblemMappers::field).containsExactly("order");
    }
}
