package org.jphmesh.collector.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.DataPayload;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.ReadingValues;
import org.jphmesh.bus.frame.TextReading;
import org.jphmesh.bus.sequence.SequenceAccounting;
import org.jphmesh.bus.sequence.SequenceStats;

/**
 * What each frame changes in the latest-state hashes, in the legacy jphRedis layout, so the legacy
 * dashboard keeps working: a reading sets {@code Value}, {@code DTimestamp} and {@code DPacketsLost} of
 * its codifier; {@code n} resets the loss count; {@code N}, {@code I}, {@code T} set their sender's
 * fields; {@code P}, {@code H}, {@code S}, {@code C} their target's. Timestamps are the frames' epoch
 * milliseconds; {@code IsActive} is {@code True}/{@code False} as Python wrote it. Two fields are new:
 * {@code DDuplicated} and {@code DReordered}, the collector's counts for the codifier's readings.
 */
public final class StateChanges {

    private final Map<Codifier, Long> dataLostAtReset = new ConcurrentHashMap<>();

    public List<StateChange> of(Frame frame, SequenceAccounting accounting) {
        Codifier from = frame.from();
        String ts = Long.toString(frame.timestamp());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Codifier", from.value());
        if (frame.channel() == BusChannel.DATA) {
            SequenceStats stats = accounting.stats(from, BusChannel.DATA).orElse(null);
            long lost = stats == null ? 0 : stats.lost();
            if (stats != null) {
                // Beyond the legacy fields: how the network treated this codifier's readings since the collector started.
                fields.put("DDuplicated", Long.toString(stats.duplicated()));
                fields.put("DReordered", Long.toString(stats.reordered()));
            }
            if (frame.flag() == Flag.DATA_SEQUENCE) {
                dataLostAtReset.put(from, lost);
                fields.put("DPacketsLost", "0");
                fields.put("DResetTime", ts);
            } else {
                // A late or resent reading is history, not the latest state: it only corrects the loss count.
                if (stats == null || stats.lastSequence() == (frame.sequence() & Frame.MAX_SEQUENCE)) {
                    fields.put("Value", value((DataPayload) frame.payload()));
                    fields.put("DTimestamp", ts);
                }
                fields.put("DPacketsLost", Long.toString(lost - dataLostAtReset.getOrDefault(from, 0L)));
            }
            return List.of(new StateChange(from, fields));
        }
        double timeComponent = frame.control().timeComponent();
        switch (frame.flag()) {
            case NEW_SEQUENCE -> {
                fields.put("CPacketsLost", "0");
                fields.put("CResetTime", ts);
            }
            case ALIVE -> {
                fields.put("ITimestamp", ts);
                fields.put("IsActive", frame.control().active() ? "True" : "False");
            }
            case PONG -> {
                fields.put("TRequest", plain(timeComponent));
                fields.put("TTimestamp", ts);
                fields.put("TDuration", plain(frame.timestamp() - timeComponent));
            }
            case PING, HALT, START, RELOAD -> {
                return target(frame, ts, timeComponent);
            }
            default -> {
                return List.of();
            }
        }
        return List.of(new StateChange(from, fields));
    }

    private static List<StateChange> target(Frame frame, String ts, double timeComponent) {
        if (frame.to().isBroadcast()) {
            return List.of();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Codifier", frame.to().value());
        switch (frame.flag()) {
            case PING -> {
                fields.put("PTimestamp", ts);
                fields.put("PRequest", plain(timeComponent));
            }
            case HALT -> fields.put("HTimestamp", ts);
            case START -> fields.put("STimestamp", ts);
            default -> fields.put("CTimestamp", ts);
        }
        return List.of(new StateChange(frame.to(), fields));
    }

    /** The value as the legacy cache held it: the number (a j's value member), else the text. */
    static String value(DataPayload payload) {
        OptionalDouble number = ReadingValues.numeric(payload);
        if (number.isPresent()) {
            return plain(number.getAsDouble());
        }
        return payload instanceof TextReading text ? text.text() : payload.toString();
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) + ".0" : Double.toString(value);
    }
}
