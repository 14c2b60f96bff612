package org.jphmesh.collector.store.postgres;

import java.time.Instant;
import java.util.List;
import org.jphmesh.collector.ingest.ReadingRow;

/** Rows as the CSV that PostgreSQL's COPY reads: empty unquoted = NULL, every text (codifiers too: {@code ,} and {@code "} are legal in them) quoted. */
final class CsvRows {

    private CsvRows() {
    }

    static String encode(List<ReadingRow> rows) {
        StringBuilder out = new StringBuilder(rows.size() * 64);
        for (ReadingRow row : rows) {
            quote(out, row.codifier()).append(',')
                    .append(Instant.ofEpochMilli(row.timestampMillis())).append(',')
                    .append(row.sequence()).append(',')
                    .append(row.kind()).append(',');
            if (row.value() != null && Double.isFinite(row.value())) {
                out.append(row.value());
            } else if (row.value() != null) {
                out.append(row.value().isNaN() ? "NaN" : row.value() > 0 ? "Infinity" : "-Infinity");
            }
            out.append(',');
            if (row.payload() != null) {
                quote(out, row.payload());
            }
            out.append(',');
            if (row.epoch() != null) {
                out.append(row.epoch());
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static StringBuilder quote(StringBuilder out, String text) {
        return out.append('"').append(text.replace("\"", "\"\"")).append('"');
    }
}
