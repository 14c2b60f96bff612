package org.jphmesh.sensor.driver;

import java.util.Objects;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.DataPayload;

/** One value a driver read, for its own codifier or one of its proxies. */
public record Reading(Codifier codifier, DataPayload payload) {

    public Reading {
        Objects.requireNonNull(codifier, "codifier");
        Objects.requireNonNull(payload, "payload");
    }
}
