package org.jphmesh.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Locale;
import org.jphmesh.bus.json.LenientNumber;
import org.jphmesh.web.http.error.ApiException;
import org.jphmesh.web.http.error.BadRequestException;

/**
 * Request bodies: JSON only. A cross-site HTML form can post urlencoded or multipart bodies but never
 * {@code application/json}, so insisting on it closes the form-post door even before the CSRF check.
 */
final class JsonBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 16_384;

    private JsonBodies() {
    }

    static JsonNode object(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "send the body as application/json, not " + type);
        }
        String body = ctx.body();
        if (body.length() > MAX_BYTES) {
            throw new BadRequestException("the body is larger than " + MAX_BYTES + " bytes");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new BadRequestException("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new BadRequestException("'" + field + "' is required and must be a non-empty string");
        }
        return value.asText();
    }

    static Double number(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return LenientNumber.of(value)
                .orElseThrow(() -> new BadRequestException("'" + field + "' must be a number, not " + value));
    }
}
