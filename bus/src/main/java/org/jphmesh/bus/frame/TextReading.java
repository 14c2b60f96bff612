package org.jphmesh.bus.frame;

import java.util.Objects;

/** A UTF-8 text reading, flag {@code s}. */
public record TextReading(String text) implements DataPayload {

    public TextReading {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public Flag flag() {
        return Flag.TEXT;
    }
}
