package org.jphmesh.bus.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Jackson's data binding for blocks that are new in this project (the router's settings and links), refusing
 * unknown keys. A class of its own so that only the programs that read such blocks load it.
 */
final class StrictBinding {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private StrictBinding() {
    }

    static <T> T bind(JsonNode node, Class<T> type, String label) {
        try {
            return STRICT.treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw new ConfigException(label + describe(e), e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ConfigException(label + ": " + e.getMessage(), e);
        }
    }

    /** Turns Jackson's path and problem into {@code .Key: expected a number, got "abc"}. */
    private static String describe(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String problem;
        if (e instanceof UnrecognizedPropertyException unknown) {
            problem = "unknown key; known keys are " + unknown.getKnownPropertyIds();
        } else if (e instanceof InvalidFormatException invalid) {
            problem = "expected " + kind(invalid.getTargetType()) + ", got '" + invalid.getValue() + "'";
        } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
            problem = e.getCause().getMessage();
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            problem = "expected " + kind(mismatch.getTargetType());
        } else {
            problem = e.getOriginalMessage();
        }
        return path + ": " + problem;
    }

    private static String kind(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == DataType.class) {
            return "one of float, integer, bool, text, json";
        }
        return "a " + type.getSimpleName();
    }
}
