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
 */
public final class ReadingRows {

    private final Map<Codifier, Long> epochs = new ConcurrentHashMap<>();

    public Optional<ReadingRow> from(Frame frame) {
        if (!(frame.payload() instanceof DataPayload payload)) {
            return Optional.empty();
        }
        if (payload instanceof SequenceStart start) {
            epochs.put(frame.from(), start.start());
            return Optional.empty();
        }
        OptionalDouble value = ReadingValues.numeric(payload);
        String text = payload instanceof TextReading t ? t.text() : payload instanceof JsonReading j ? j.json() : null;
        return Optional.of(new ReadingRow(frame.from().value(), frame.timestamp(), frame.sequence(),
                frame.flag().letter(), value.isPresent() ? value.getAsDouble() : null, text, epochs.get(frame.from())));
    }
}
