package org.jphmesh.collector.store.postgres;

import java.time.Instant;
import java.util.List;
import org.jphmesh.collector.ingest.ReadingRow;

/** Rows as the CSV that PostgreSQL's COPY reads: empty unquoted = NULL, every text quoted. */
final class CsvRows {

    private CsvRows() {
    }

    static String encode(List<ReadingRow> rows) {
        StringBuilder out = new StringBuilder(rows.size() * 64);
        for (ReadingRow row : rows) {
            out.append(row.codifier()).append(',')
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
                out.append('"').append(row.payload().replace("\"", "\"\"")).append('"');
            }
            out.append(',');
            if (row.epoch() != null) {
                out.append(row.epoch());
            }
            out.append('\n');
        }
        return out.toString();
    }
}
