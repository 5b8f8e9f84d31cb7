package dev.bazaar.portal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import java.io.IOException;

/**
 * Turns a service's error answer into a {@link Refusal} carrying its problem+json (a body that is not JSON becomes
 * the problem's detail, cut at 200 characters), so the pages can show why a call was refused.
 */
public class Refusals implements ResponseExceptionMapper<Refusal> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Refusal toThrowable(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : null;
        return new Refusal(response.getStatus(), problem(body));
    }

    static Problem problem(String body) {
        if (body == null || body.isBlank()) {
            return Problem.NONE;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException notJson) {
            return new Problem(body.length() > 200 ? body.substring(0, 200) : body, null);
        }
        try {
            return json.isObject() ? JSON.treeToValue(json, Problem.class) : Problem.NONE;
        } catch (IOException notAProblem) {
            return Problem.NONE;
        }
    }
}
