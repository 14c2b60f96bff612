package org.jphmesh.sensor.alert.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jphmesh.bus.frame.Codifier;

/**
 * The one JSON form of a {@link Notification}: the body every channel sends
 * ({@code {"alert","name","state","severity","value","since","message","node"}}, a value that is not a finite number as
 * {@code null}), and the outbox's file, which is the same plus {@code id}.
 */
final class NotificationJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NotificationJson() {
    }

    /** What a webhook posts, an e-mail carries and an MQTT message holds. */
    static String text(Notification notification) {
        return wire(notification).toString();
    }

    static byte[] bytes(Notification notification) {
        return text(notification).getBytes(StandardCharsets.UTF_8);
    }

    /** The outbox's form: the wire form and the id, so a reloaded notification is the one that was submitted. */
    static byte[] stored(Notification notification) {
        ObjectNode node = JSON.createObjectNode().put("id", notification.id());
        node.setAll(wire(notification));
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A notification from its stored form; throws {@link IllegalArgumentException} for anything else. */
    static Notification read(byte[] stored) {
        JsonNode node;
        try {
            node = JSON.readTree(stored);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode value = node.path("value");
        return new Notification(field(node, "id"), Codifier.of(field(node, "alert")), field(node, "name"),
                state(field(node, "state")), field(node, "severity"), value.isNumber() ? value.asDouble() : Double.NaN,
                node.path("since").asLong(), field(node, "message"), Codifier.of(field(node, "node")));
    }

    private static ObjectNode wire(Notification n) {
        ObjectNode node = JSON.createObjectNode()
                .put("alert", n.alert().value())
                .put("name", n.name())
                .put("state", n.state().word())
                .put("severity", n.severity());
        // NaN and infinities are not JSON numbers.
        if (Double.isFinite(n.value())) {
            node.put("value", n.value());
        } else {
            node.putNull("value");
        }
        return node.put("since", n.since())
                .put("message", n.message())
                .put("node", n.node().value());
    }

    private static String field(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("no text '" + key + "'");
        }
        return value.asText();
    }

    private static Notification.State state(String word) {
        for (Notification.State state : Notification.State.values()) {
            if (state.word().equals(word)) {
                return state;
            }
        }
        throw new IllegalArgumentException("state '" + word + "' is neither firing nor resolved");
    }
}
