package org.jphmesh.collector.ingest;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.DataPayload;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.JsonReading;
import org.jphmesh.bus.frame.ReadingValues;
import org.jphmesh.bus.frame.SequenceStart;
import org.jphmesh.bus.frame.TextReading;

/**
 * Turns data frames into rows. Sequence announcements ({@code n}) are not readings: they are
 * remembered as the epoch of the rows that follow, as the legacy writer never stored them either.
 * A timestamp past the year 9999 is no reading either (no clock is that far ahead), and a NUL in
 * text, which PostgreSQL cannot store, becomes U+FFFD.
 */
public final class ReadingRows {

    /** 9999-12-31: later timestamps are no clock's, and PostgreSQL's text form of them would not parse. */
    static final long LATEST_STORABLE_MILLIS = 253_402_300_799_000L;

    private final Map<Codifier, Long> epochs = new ConcurrentHashMap<>();

    public Optional<ReadingRow> from(Frame frame) {
        if (!(frame.payload() instanceof DataPayload payload)) {
            return Optional.empty();
        }
        if (payload instanceof SequenceStart start) {
            epochs.put(frame.from(), start.start());
            return Optional.empty();
        }
        if (frame.timestamp() > LATEST_STORABLE_MILLIS) {
            return Optional.empty();
        }
        OptionalDouble value = ReadingValues.numeric(payload);
        String text = payload instanceof TextReading t ? t.text() : payload instanceof JsonReading j ? j.json() : null;
        if (text != null && text.indexOf('\u0000') >= 0) {
            // Valid UTF-8, but PostgreSQL text cannot hold NUL: keep the reading, mark where the NUL was.
            text = text.replace('\u0000', '\uFFFD');
        }
        return Optional.of(new ReadingRow(frame.from().value(), frame.timestamp(), frame.sequence(),
                frame.flag().letter(), value.isPresent() ? value.getAsDouble() : null, text, epochs.get(frame.from())));
    }
}
