package org.jphmesh.app.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * A collector's status report: the {@code j} reading it sends as itself every {@code SensorInterval}
 * (docs/collector.md). The collector writes it, the dashboard reads it; this record and its JSON form are the one
 * definition both sides use, with the wire's field names. Members the sender had nothing to say about are absent on
 * the wire and null here: the journal's figures come only from a collector that stores in PostgreSQL, the Redis
 * figures only from one that writes Redis, {@code conflict} only while a second instance of its codifier is heard.
 *
 * @param value          rows written per minute, the legacy collectors' meaning and unit
 * @param stored         readings stored in PostgreSQL since start
 * @param backlog        readings journaled and not yet stored
 * @param refused        readings refused because the journal was full
 * @param outage         whether the database is away (readings wait in the journal)
 * @param resendRequests {@code R} frames sent for lost readings
 * @param recovered      asked-for readings that arrived
 * @param givenUp        asked-for readings given up on
 * @param redisWritten   Redis writes since start
 * @param redisFailures  Redis writes that failed
 * @param conflict       where the other instance of the collector's codifier is, in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"value", "stored", "backlog", "refused", "outage", "resendRequests", "recovered", "givenUp",
        "redisWritten", "redisFailures", "conflict"})
public record CollectorReport(long value, Long stored, Long backlog, Long refused, Boolean outage, Long resendRequests,
                              Long recovered, Long givenUp, Long redisWritten, Long redisFailures, String conflict) {

    // A newer collector may add members; an older dashboard reads what it knows.
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A report of the rate alone, to which the collector adds what it has. */
    public static CollectorReport of(long rowsPerMinute) {
        return new CollectorReport(rowsPerMinute, null, null, null, null, null, null, null, null, null, null);
    }

    /** This report with the journal's and loss repair's figures of a collector that stores in PostgreSQL. */
    public CollectorReport withJournal(long storedRows, long backlogRows, long refusedRows, boolean inOutage,
                                       long resendRequestsSent, long recoveredReadings, long givenUpReadings) {
        return new CollectorReport(value, storedRows, backlogRows, refusedRows, inOutage, resendRequestsSent,
                recoveredReadings, givenUpReadings, redisWritten, redisFailures, conflict);
    }

    /** This report with the Redis writer's figures. */
    public CollectorReport withRedis(long written, long failures) {
        return new CollectorReport(value, stored, backlog, refused, outage, resendRequests, recovered, givenUp, written,
                failures, conflict);
    }

    /** This report naming the other instance of the collector's codifier. */
    public CollectorReport withConflict(String otherInstance) {
        return new CollectorReport(value, stored, backlog, refused, outage, resendRequests, recovered, givenUp,
                redisWritten, redisFailures, otherInstance);
    }

    /** Whether the collector said its database is away; a report that does not say is not an outage. */
    public boolean inOutage() {
        return Boolean.TRUE.equals(outage);
    }

    /** The report as it goes on the wire: one JSON object, absent members left out. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a collector report is always JSON", e);
        }
    }

    /** The report in a reading's text, or empty when the text is not a collector's report (not a JSON object, a bad member). */
    public static Optional<CollectorReport> parse(String text) {
        if (text == null || !text.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(text, CollectorReport.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
