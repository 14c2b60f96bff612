package org.jphmesh.bus.node;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.DataPayload;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.SequenceStart;
import org.jphmesh.bus.sequence.OutgoingSequence;
import org.jphmesh.bus.transport.MulticastTransport;

/**
 * One data sequence per codifier a node sends as (itself and its proxies), each announced by {@code n} once.
 * With loss repair on, each reading sent is also kept in {@link SentFrames} to answer resend requests.
 */
final class DataSender {

    private static final class Stream {
        final OutgoingSequence sequence;
        boolean announced;

        Stream(OutgoingSequence sequence) {
            this.sequence = sequence;
        }
    }

    private final MulticastTransport transport;
    private final Clock clock;
    private final RandomGenerator random;
    private final SentFrames sent;
    private final Map<Codifier, Stream> streams = new ConcurrentHashMap<>();

    /** {@code sent} keeps what is sent for resending, or is {@code null} when loss repair is off. */
    DataSender(MulticastTransport transport, Clock clock, RandomGenerator random, SentFrames sent) {
        this.transport = transport;
        this.clock = clock;
        this.random = random;
        this.sent = sent;
    }

    /** True when a reading of {@code as} with this sequence number may have been sent by this instance. */
    boolean sentHere(Codifier as, long number) {
        Stream stream = streams.get(as);
        return stream != null && stream.sequence.issued(number);
    }

    void send(Codifier as, DataPayload payload) {
        if (payload instanceof SequenceStart) {
            throw new IllegalArgumentException("data sequences are announced by the node, not sent by hand");
        }
        long now = clock.millis();
        Frame probe = Frame.data(0, now, as, payload);
        if (FrameCodec.encodedLength(probe) > FrameCodec.MAX_DATAGRAM_BYTES) {
            // Refuse before taking a number, so receivers do not count a frame that never existed as lost.
            throw new IllegalArgumentException("a reading of " + FrameCodec.encodedLength(probe)
                    + " bytes exceeds the " + FrameCodec.MAX_DATAGRAM_BYTES + "-byte datagram limit");
        }
        Stream stream = streams.computeIfAbsent(as, c -> new Stream(OutgoingSequence.random(random)));
        synchronized (stream) {
            if (!stream.announced) {
                long start = stream.sequence.start();
                transport.send(Frame.data(start, now, as, new SequenceStart(start)));
                stream.announced = true;
            }
            Frame frame = Frame.data(stream.sequence.next(), now, as, payload);
            transport.send(frame);
            if (sent != null) {
                sent.remember(frame);
            }
        }
    }
}
