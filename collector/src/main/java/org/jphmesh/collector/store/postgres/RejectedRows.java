package org.jphmesh.collector.store.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jphmesh.bus.log.RateLimitedLog;
import org.jphmesh.collector.ingest.ReadingRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readings the database refused for their content, kept as CSV lines (with the reason) in a file beside
 * the journal, counted and logged, so an operator can see and replay them, and the writer goes on.
 */
public final class RejectedRows {

    private static final Logger LOG = LoggerFactory.getLogger(RejectedRows.class);

    private final Path file;
    private final AtomicLong count = new AtomicLong();
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 60_000);

    public RejectedRows(Path file) {
        this.file = file;
    }

    void reject(ReadingRow row, String reason) {
        count.incrementAndGet();
        rateLimited.warn("rejected", "the database refused a reading of {} ({}); kept in {}", row.codifier(), reason, file);
        String line = CsvRows.encode(List.of(row)).stripTrailing() + ",\"" + String.valueOf(reason).replace("\"", "\"\"") + "\"\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.error("cannot keep a refused reading in {}: {}; it is lost: {}", file, e.getMessage(), line.strip());
        }
    }

    public long count() {
        return count.get();
    }
}
