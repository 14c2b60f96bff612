package org.jphmesh.sensor.alert.notify;

import java.util.Objects;
import org.jphmesh.bus.frame.Codifier;

/**
 * One message about one rule's transition, as every channel sends it (a webhook's JSON body, an e-mail, an MQTT
 * message): {@code {"alert","name","state","severity","value","since","message","node"}}.
 *
 * @param id      unique per notification (rule, transition time, repeat number), so a channel that retries
 *                after a restart can be told apart from a new notification in logs
 * @param alert   the rule's codifier
 * @param state   {@code firing} (also for a repeat) or {@code resolved}
 * @param value   the value the rule saw (NaN when it saw none, sent as {@code null})
 * @param since   when the rule entered this state, epoch ms
 * @param node    the alerts node that sent it
 */
public record Notification(String id, Codifier alert, String name, State state, String severity, double value,
        long since, String message, Codifier node) {

    /** What happened to the rule. */
    public enum State {
        FIRING("firing"),
        RESOLVED("resolved");

        private final String word;

        State(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(node, "node");
    }
}
