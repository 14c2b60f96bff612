package org.jphmesh.collector.ingest;

import java.util.Objects;

/**
 * One reading as it is stored: its identity on the wire (codifier, sender timestamp, sequence), its kind
 * (the data flag), the number it stands for and its text or JSON, and the data sequence start if heard.
 */
public record ReadingRow(String codifier, long timestampMillis, long sequence, char kind, Double value,
                         String payload, Long epoch) {

    public ReadingRow {
        Objects.requireNonNull(codifier, "codifier");
        if ("fisj".indexOf(kind) < 0) {
            throw new IllegalArgumentException("a stored reading is f, i, s or j, not " + kind);
        }
    }
}
