package org.jphmesh.bus.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jphmesh.bus.codec.MalformedReason;
import org.jphmesh.bus.frame.BusChannel;

/** Counts what {@link BusMetrics} reports, with {@link LongAdder}s so I/O threads never contend. */
public final class BusCounters implements BusMetrics {

    private final Map<BusChannel, LongAdder> received = adders();
    private final Map<BusChannel, LongAdder> sent = adders();
    private final Map<BusChannel, LongAdder> sendFailures = adders();
    private final Map<BusChannel, Map<MalformedReason, LongAdder>> malformed = new EnumMap<>(BusChannel.class);
    private final Map<BusChannel, LongAdder> receiveFailures = adders();
    private final Map<String, LongAdder> callbackFailures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> drops = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> repairs = new ConcurrentHashMap<>();

    public BusCounters() {
        for (BusChannel channel : BusChannel.values()) {
            Map<MalformedReason, LongAdder> reasons = new EnumMap<>(MalformedReason.class);
            for (MalformedReason reason : MalformedReason.values()) {
                reasons.put(reason, new LongAdder());
            }
            malformed.put(channel, reasons);
        }
    }

    @Override
    public void frameReceived(BusChannel channel) {
        received.get(channel).increment();
    }

    @Override
    public void frameSent(BusChannel channel) {
        sent.get(channel).increment();
    }

    @Override
    public void sendFailed(BusChannel channel) {
        sendFailures.get(channel).increment();
    }

    @Override
    public void malformed(BusChannel channel, MalformedReason reason) {
        malformed.get(channel).get(reason).increment();
    }

    @Override
    public void receiveFailed(BusChannel channel) {
        receiveFailures.get(channel).increment();
    }

    @Override
    public void callbackFailed(String callback) {
        callbackFailures.computeIfAbsent(callback, name -> new LongAdder()).increment();
    }

    @Override
    public void dropped(String reason) {
        drops.computeIfAbsent(reason, name -> new LongAdder()).increment();
    }

    @Override
    public void repair(String event, long count) {
        repairs.computeIfAbsent(event, name -> new LongAdder()).add(count);
    }

    /** A loss-repair count by its event name (see {@link BusMetrics#repair}); 0 when it never happened. */
    public long repairCount(String event) {
        LongAdder adder = repairs.get(event);
        return adder == null ? 0 : adder.sum();
    }

    public long receiveFailureCount(BusChannel channel) {
        return receiveFailures.get(channel).sum();
    }

    public long droppedCount(String reason) {
        LongAdder adder = drops.get(reason);
        return adder == null ? 0 : adder.sum();
    }

    public long receivedCount(BusChannel channel) {
        return received.get(channel).sum();
    }

    public long sentCount(BusChannel channel) {
        return sent.get(channel).sum();
    }

    public long sendFailureCount(BusChannel channel) {
        return sendFailures.get(channel).sum();
    }

    public long malformedCount(BusChannel channel, MalformedReason reason) {
        return malformed.get(channel).get(reason).sum();
    }

    /** Malformed datagrams on one bus, all reasons together. */
    public long malformedCount(BusChannel channel) {
        return malformed.get(channel).values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Malformed datagrams on both buses. */
    public long malformedTotal() {
        return malformedCount(BusChannel.CONTROL) + malformedCount(BusChannel.DATA);
    }

    public long callbackFailureCount(String callback) {
        LongAdder adder = callbackFailures.get(callback);
        return adder == null ? 0 : adder.sum();
    }

    public long callbackFailureTotal() {
        return callbackFailures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static Map<BusChannel, LongAdder> adders() {
        Map<BusChannel, LongAdder> map = new EnumMap<>(BusChannel.class);
        for (BusChannel channel : BusChannel.values()) {
            map.put(channel, new LongAdder());
        }
        return map;
    }
}
