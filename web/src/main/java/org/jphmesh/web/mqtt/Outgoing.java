package org.jphmesh.web.mqtt;

import java.util.Objects;

/**
 * One message waiting for the broker. Retained messages stand for the latest state of their topic, so a
 * newer one replaces an older one still waiting; {@link Kind} says which to drop first when the queue is full.
 */
record Outgoing(String topic, String payload, boolean retained, Kind kind) {

    enum Kind {
        /** State and attributes of a reading: the next reading supersedes them, so they go first when full. */
        READING,
        /** Availability, active, discovery: rare, and a lost one leaves Home Assistant wrong until the next change. */
        STATUS,
        /** Not retained (refused commands): each one is news, none replaces another. */
        NOTICE
    }

    Outgoing {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(kind, "kind");
    }

    static Outgoing reading(String topic, String payload) {
        return new Outgoing(topic, payload, true, Kind.READING);
    }

    static Outgoing status(String topic, String payload) {
        return new Outgoing(topic, payload, true, Kind.STATUS);
    }

    static Outgoing notice(String topic, String payload) {
        return new Outgoing(topic, payload, false, Kind.NOTICE);
    }
}
