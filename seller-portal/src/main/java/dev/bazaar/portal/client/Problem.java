package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The problem+json a service answers a refused call with: its detail and, for a form, the field errors. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Problem(String detail, List<Violation> violations) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Violation(String field, String message) {}

    public static final Problem NONE = new Problem(null, List.of());

    /** The field errors, by field (shown next to the form's fields); several for one field are joined. */
    public Map<String, String> fieldErrors() {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Violation v : violations == null ? List.<Violation>of() : violations) {
            errors.merge(String.valueOf(v.field()), String.valueOf(v.message()), (a, b) -> a + "; " + b);
        }
        return errors;
    }
}
