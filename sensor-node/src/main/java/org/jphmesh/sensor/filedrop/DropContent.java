package org.jphmesh.sensor.filedrop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.DataPayload;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.json.JsonTree;
import org.jphmesh.sensor.driver.Reading;

/**
 * What one dropped file says: {@code {"A1": 21.5, "A2": "open"}} or a list of such objects, as readings, all or
 * none. A pure function of the text. Text that is not JSON may be a file still being written, so it is told apart
 * ({@link #unparsable}) from JSON that says something this node cannot send.
 */
record DropContent(List<Reading> readings, String problem, boolean unparsable) {

    DropContent {
        readings = List.copyOf(readings);
    }

    boolean ok() {
        return problem == null;
    }

    static DropContent parse(String text, Set<Codifier> own) {
        JsonNode root;
        try {
            root = JsonTree.read(text);
        } catch (IOException | RuntimeException e) {
            return new DropContent(List.of(), "not JSON: " + e.getMessage().lines().findFirst().orElse(""), true);
        }
        if (root == null) {
            return new DropContent(List.of(), "empty", true);
        }
        List<JsonNode> objects = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(objects::add);
        } else {
            objects.add(root);
        }
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            JsonNode object = objects.get(i);
            String where = root.isArray() ? "item " + i + ": " : "";
            if (!object.isObject()) {
                return refused(where + "not an object of codifier: value, but " + object.getNodeType());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                Codifier codifier;
                try {
                    codifier = Codifier.of(field.getKey());
                } catch (IllegalArgumentException e) {
                    return refused(where + "\"" + field.getKey() + "\" is not a codifier: " + e.getMessage());
                }
                if (!own.contains(codifier)) {
                    return refused(where + codifier + " is neither this node's codifier nor one of its Proxy[]");
                }
                DataPayload payload = payload(field.getValue());
                if (payload == null) {
                    return refused(where + codifier + " has " + field.getValue() + ": a number, true/false or text is sent");
                }
                readings.add(new Reading(codifier, payload));
            }
        }
        if (readings.isEmpty()) {
            return refused("holds no reading");
        }
        return new DropContent(readings, null, false);
    }

    private static DropContent refused(String problem) {
        return new DropContent(List.of(), problem, false);
    }

    private static DataPayload payload(JsonNode value) {
        if (value.isNumber()) {
            return Readings.of(value.asDouble());
        }
        if (value.isBoolean()) {
            return Readings.of(value.asBoolean());
        }
        return value.isTextual() ? Readings.text(value.asText()) : null;
    }
}
