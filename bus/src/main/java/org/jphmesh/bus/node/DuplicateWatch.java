package org.jphmesh.bus.node;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;

/**
 * Decides from the frames that carry this node's codifier, but that this instance did not send, whether a second
 * instance really runs. The legacy nodes stop at one {@code N} or {@code I} with a newer start time, which makes
 * one forged datagram a remote off switch; here it takes a stream: from one host, at least {@value #MIN_FRAMES}
 * frames whose sequence numbers count up on their bus, over at least {@link #MIN_SPAN_MILLIS} ms, with a start
 * time learnt from its {@code N} or {@code I}. A flood of unrelated forgeries never forms one. A real second
 * instance does within seconds, or within one {@code SensorInterval} of a legacy sensor, which sends nothing
 * on the control bus between its start and its readings.
 *
 * <p>Bounded: at most {@value #MAX_HOSTS} hosts are watched (the one heard longest ago is forgotten first), and
 * a host silent for {@link #FORGET_MILLIS} ms is forgotten.
 */
final class DuplicateWatch {

    static final int MIN_FRAMES = 3;
    static final long MIN_SPAN_MILLIS = 3_000;
    static final long FORGET_MILLIS = 10 * 60_000;
    static final int MAX_HOSTS = 256;
    /** How far a sequence may jump and still continue a stream (a few lost frames), not start another. */
    private static final long MAX_STEP = 1_000;

    /** What one host has sent under this codifier: the current stream (frames that count up) and when it began. */
    private static final class Claim {
        long streamMillis;
        long lastMillis;
        int frames;
        double theirStart = Double.NaN;
        long lastControl = -1;
        long lastData = -1;

        Claim(long now) {
            this.streamMillis = now;
            this.lastMillis = now;
        }

        // Whatever came before does not count: evidence is one stream, from its first frame on.
        void restart(long now) {
            frames = 1;
            streamMillis = now;
        }
    }

    private final Clock clock;
    private final Map<InetAddress, Claim> claims = new LinkedHashMap<>(16, 0.75f, true);

    DuplicateWatch(Clock clock) {
        this.clock = clock;
    }

    /**
     * A frame with this node's codifier that this instance did not send, from {@code host}. Returns the evidence
     * once it suffices (and on every later frame of the same stream), else empty.
     */
    synchronized Optional<DuplicateInstance> observe(Frame frame, InetAddress host, double ownStart, long ownSequenceStart) {
        long now = clock.millis();
        forgetSilent(now);
        Claim claim = claims.get(host);
        if (claim == null) {
            if (claims.size() >= MAX_HOSTS) {
                Iterator<InetAddress> eldest = claims.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
            claim = new Claim(now);
            claims.put(host, claim);
        }
        boolean control = frame.channel() == BusChannel.CONTROL;
        if (control && frame.flag() == Flag.NEW_SEQUENCE) {
            // A start: a stream begins here, so forged Ns with random numbers never add up.
            claim.restart(now);
            claim.theirStart = frame.control().timeComponent();
            claim.lastData = -1;
        } else if (!control && frame.flag() == Flag.DATA_SEQUENCE) {
            // n announces where the readings will count from; it is not itself a frame of the stream.
            claim.lastData = frame.sequence();
        } else if (continues(control ? claim.lastControl : claim.lastData, frame.sequence())) {
            claim.frames++;
        } else {
            claim.restart(now);
        }
        if (control) {
            claim.lastControl = frame.sequence();
            if (frame.flag() == Flag.ALIVE && Double.isNaN(claim.theirStart)) {
                claim.theirStart = frame.control().timeComponent();
            }
        } else {
            claim.lastData = frame.sequence();
        }
        claim.lastMillis = now;
        if (claim.frames < MIN_FRAMES || now - claim.streamMillis < MIN_SPAN_MILLIS || Double.isNaN(claim.theirStart)) {
            return Optional.empty();
        }
        boolean newer = claim.theirStart > ownStart || claim.theirStart == ownStart && claim.lastControl > ownSequenceStart;
        return Optional.of(new DuplicateInstance(host, Instant.ofEpochMilli((long) claim.theirStart),
                Instant.ofEpochMilli(claim.streamMillis), Instant.ofEpochMilli(now), claim.frames, newer));
    }

    private static boolean continues(long last, long sequence) {
        if (last < 0) {
            // The first frame heard on this bus: it begins the bus's count, within the stream.
            return true;
        }
        long step = (sequence - last + Frame.MAX_SEQUENCE + 1) % (Frame.MAX_SEQUENCE + 1);
        return step >= 1 && step <= MAX_STEP;
    }

    private void forgetSilent(long now) {
        claims.values().removeIf(claim -> now - claim.lastMillis > FORGET_MILLIS);
    }

    /** Hosts currently watched, for tests of the bound. */
    synchronized int watched() {
        return claims.size();
    }
}
