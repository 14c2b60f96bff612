package org.jphmesh.bus.frame;

import java.util.Objects;

/**
 * A JSON reading, flag {@code j}: the document as UTF-8 text, exactly as sent.
 * By legacy convention the reading's value is the document's {@code value} member.
 */
public record JsonReading(String json) implements DataPayload {

    public JsonReading {
        Objects.requireNonNull(json, "json");
    }

    @Override
    public Flag flag() {
        return Flag.JSON;
    }
}
