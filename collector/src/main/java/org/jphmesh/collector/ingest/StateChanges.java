package org.jphmesh.collector.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.DataPayload;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.sequence.SequenceAccounting;
import org.jphmesh.bus.sequence.SequenceStats;

/**
 * What each frame changes in the latest-state hashes, in the legacy jphRedis layout, so the legacy
 * dashboard keeps working: a reading sets {@code Value}, {@code DTimestamp} and {@code DPacketsLost} of
 * its codifier; {@code n} resets the loss count; every control frame sets its sender's fields, as jphRedis did
 * ({@code P} the pinger's {@code PTimestamp}, {@code H} the halting console's {@code HTimestamp}). Timestamps are the
 * frames' epoch milliseconds; values and numbers are written as Python wrote them ({@link PythonText}). Two fields
 * are new: {@code DDuplicated} and {@code DReordered}, the collector's counts for the codifier's readings.
 */
public final class StateChanges {

    private final Map<Codifier, Long> dataLostAtReset = new ConcurrentHashMap<>();
    private final Map<Codifier, Long> controlLostAtReset = new ConcurrentHashMap<>();

    /**
     * What the readings of {@code from} set, computed when the hash is written: {@code newest} is the newest
     * reading heard in sequence since the last write (null if only late ones came), the loss counts are the
     * stream's now. The same fields {@link #of} gives for a reading.
     */
    public StateChange ofReadings(Codifier from, Frame newest, SequenceAccounting accounting) {
        return new StateChange(from, readingFields(from, newest, accounting));
    }

    private Map<String, String> readingFields(Codifier from, Frame newest, SequenceAccounting accounting) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Codifier", from.value());
        SequenceStats stats = accounting.stats(from, BusChannel.DATA).orElse(null);
        long lost = stats == null ? 0 : stats.lost();
        if (stats != null) {
            // Beyond the legacy fields: how the network treated this codifier's readings since the collector started.
            fields.put("DDuplicated", Long.toString(stats.duplicated()));
            fields.put("DReordered", Long.toString(stats.reordered()));
        }
        if (newest != null) {
            fields.put("Value", PythonText.reading((DataPayload) newest.payload()));
            fields.put("DTimestamp", Long.toString(newest.timestamp()));
        }
        fields.put("DPacketsLost", Long.toString(lost - dataLostAtReset.getOrDefault(from, 0L)));
        return fields;
    }

    public List<StateChange> of(Frame frame, SequenceAccounting accounting) {
        Codifier from = frame.from();
        String ts = Long.toString(frame.timestamp());
        if (frame.channel() == BusChannel.DATA) {
            if (frame.flag() == Flag.DATA_SEQUENCE) {
                long lost = accounting.stats(from, BusChannel.DATA).map(SequenceStats::lost).orElse(0L);
                dataLostAtReset.put(from, lost);
                Map<String, String> reset = readingFields(from, null, accounting);
                reset.put("DPacketsLost", "0");
                reset.put("DResetTime", ts);
                return List.of(new StateChange(from, reset));
            }
            // A late or resent reading is history, not the latest state: it only corrects the loss count.
            return List.of(new StateChange(from, readingFields(from, accounting.isLatest(frame) ? frame : null, accounting)));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Codifier", from.value());
        double timeComponent = frame.control().timeComponent();
        long controlLost = accounting.stats(from, BusChannel.CONTROL).map(SequenceStats::lost).orElse(0L);
        Long atReset = controlLostAtReset.putIfAbsent(from, controlLost);
        if (frame.flag() == Flag.NEW_SEQUENCE) {
            controlLostAtReset.put(from, controlLost);
        } else if (atReset != null && controlLost > atReset) {
            // jphRedis added each gap to CPacketsLost of any sender heard before, and N set it back to 0.
            fields.put("CPacketsLost", Long.toString(controlLost - atReset));
        }
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
                fields.put("TRequest", PythonText.number(timeComponent));
                fields.put("TTimestamp", ts);
                fields.put("TDuration", PythonText.number(frame.timestamp() - timeComponent));
            }
            case PING -> {
                fields.put("PTimestamp", ts);
                fields.put("PRequest", PythonText.number(timeComponent));
            }
            case HALT -> fields.put("HTimestamp", ts);
            case START -> fields.put("STimestamp", ts);
            case RELOAD -> fields.put("CTimestamp", ts);
            default -> {
                // A, E and the like: jphRedis only noted the sender's codifier.
            }
        }
        return List.of(new StateChange(from, fields));
    }
}
