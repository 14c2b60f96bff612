package org.jphmesh.bus.node;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.sequence.OutgoingSequence;
import org.jphmesh.bus.transport.MulticastTransport;

/**
 * A node's control sequence and start time. Numbers are taken and frames handed to the transport under
 * one lock, and the transport keeps call order, so the wire order is the sequence order.
 */
final class ControlSender {

    private final Codifier self;
    private final MulticastTransport transport;
    private final Clock clock;
    private final RandomGenerator random;
    private final Set<Long> ownStarts = ConcurrentHashMap.newKeySet();
    private OutgoingSequence sequence;
    private OutgoingSequence previous;
    private volatile double startTime;

    ControlSender(Codifier self, MulticastTransport transport, Clock clock, RandomGenerator random) {
        this.self = self;
        this.transport = transport;
        this.clock = clock;
        this.random = random;
    }

    /** A fresh sequence and start time, announced with {@code N}: at start and after a reload. */
    synchronized void announce(boolean active) {
        previous = sequence;
        sequence = OutgoingSequence.random(random);
        ownStarts.add(sequence.start());
        startTime = clock.millis();
        transport.send(Frame.control(sequence.start(), clock.millis(), Flag.NEW_SEQUENCE, self, Codifier.BROADCAST,
                startTime, active));
    }

    synchronized void send(Flag flag, Codifier to, double timeComponent, boolean active) {
        transport.send(Frame.control(sequence.next(), clock.millis(), flag, self, to, timeComponent, active));
    }

    /** True when an {@code N} with this sequence number was announced by this very instance. */
    boolean isOwnStart(long start) {
        return ownStarts.contains(start);
    }

    /** True when a control frame with this sequence number may have been sent by this instance. */
    synchronized boolean sentHere(long number) {
        return ownStarts.contains(number) || sequence.issued(number) || previous != null && previous.issued(number);
    }

    /** The start time announced with the current sequence, epoch milliseconds. */
    double startTime() {
        return startTime;
    }

    synchronized long currentStart() {
        return sequence.start();
    }
}
