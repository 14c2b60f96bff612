package org.jphmesh.app.alerts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert rule's state: the {@code j} reading an alerts node sends as the rule's codifier (docs/rules.md). The
 * alerts node writes it; the dashboard, the MQTT bridge and {@code jph-control} read it. This record and its JSON
 * are the one definition both sides use.
 *
 * @param state         ok, pending or firing
 * @param since         when the rule entered {@code state}, epoch ms
 * @param message       what the rule saw, for people
 * @param severity      info, warning or critical
 * @param acknowledged  an operator acknowledged this firing: no repeats until it resolves
 * @param silencedUntil epoch ms until which the rule sends no notifications; 0 when not silenced
 */
@JsonPropertyOrder({"value", "state", "since", "message", "severity", "ack", "silencedUntil"})
public record AlertStatus(@JsonIgnore State state, long since, String message, String severity,
                          @JsonProperty("ack") boolean acknowledged, long silencedUntil) {

    // A newer alerts node may add members; an older reader reads what it knows.
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A rule's state, with its word on the wire. */
    public enum State {
        OK,
        PENDING,
        FIRING;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The state for its word, or empty for anything else. */
        public static Optional<State> of(String word) {
            for (State state : values()) {
                if (state.word().equals(word)) {
                    return Optional.of(state);
                }
            }
            return Optional.empty();
        }
    }

    public AlertStatus {
        Objects.requireNonNull(state, "state");
        message = message == null ? "" : message;
        severity = severity == null ? "warning" : severity;
    }

    /** 1 while firing, else 0: what charts, Grafana and Redis's {@code Value} see. */
    @JsonProperty("value")
    public int value() {
        return state == State.FIRING ? 1 : 0;
    }

    @JsonProperty("state")
    public String stateWord() {
        return state.word();
    }

    /** Whether notifications are held back at {@code nowMillis}. */
    public boolean silencedAt(long nowMillis) {
        return silencedUntil > nowMillis;
    }

    /** The status as it goes on the wire: one JSON object. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert status is always JSON", e);
        }
    }

    /** The status in a reading's text, or empty when the text is not an alert's state. */
    public static Optional<AlertStatus> parse(String text) {
        if (text == null || !text.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        try {
            var node = JSON.readTree(text);
            Optional<State> state = State.of(node.path("state").asText(null));
            if (state.isEmpty() || !node.path("since").canConvertToLong()) {
                return Optional.empty();
            }
            return Optional.of(new AlertStatus(state.get(), node.path("since").asLong(), node.path("message").asText(""),
                    node.path("severity").asText("warning"), node.path("ack").asBoolean(false),
                    node.path("silencedUntil").asLong(0)));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
