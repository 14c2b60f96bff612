package org.jphmesh.bus.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.jphmesh.bus.codec.MalformedReason;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.metrics.BusCounters;
import org.jphmesh.bus.testing.LeakCheck;
import org.jphmesh.bus.testing.MalformedDatagrams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every datagram is a pooled, tracked buffer: {@link LeakCheck} fails a test whose decoder did not release one. */
@ExtendWith(LeakCheck.class)
class DatagramFrameDecoderTest {

    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress GROUP = new InetSocketAddress("239.255.0.1", 40001);

    private final BusCounters counters = new BusCounters();
    private final List<Frame> frames = new ArrayList<>();

    private EmbeddedChannel channel(BusChannel bus) {
        return new EmbeddedChannel(new DatagramFrameDecoder("T0", bus, (c, f, s) -> frames.add(f), counters));
    }

    private static DatagramPacket packet(byte[] bytes) {
        return new DatagramPacket(LeakCheck.pooled(bytes), GROUP, SENDER);
    }

    @Test
    void each_kind_of_malformed_datagram_is_counted_by_reason_and_the_next_good_frame_still_arrives() {
        for (BusChannel bus : BusChannel.values()) {
            frames.clear();
            EmbeddedChannel ch = channel(bus);
            List<byte[]> bad = MalformedDatagrams.oneOfEachKind(bus == BusChannel.CONTROL);
            for (byte[] datagram : bad) {
                ch.writeInbound(packet(datagram));
            }
            ch.writeInbound(packet(bus == BusChannel.CONTROL ? MalformedDatagrams.GOOD_CONTROL : MalformedDatagrams.GOOD_DATA));

            assertThat(counters.malformedCount(bus)).isEqualTo(bad.size());
            assertThat(frames).singleElement().extracting(Frame::channel).isEqualTo(bus);
            assertFalse(ch.finish());
        }
        for (MalformedReason reason : List.of(MalformedReason.TOO_SHORT, MalformedReason.TRUNCATED,
                MalformedReason.TRAILING_BYTES, MalformedReason.UNKNOWN_FLAG, MalformedReason.BAD_CODIFIER,
                MalformedReason.WRONG_CHANNEL, MalformedReason.BAD_TEXT, MalformedReason.OVERSIZE)) {
            assertThat(counters.malformedCount(BusChannel.DATA, reason) + counters.malformedCount(BusChannel.CONTROL, reason))
                    .as(reason.label()).isPositive();
        }
        assertThat(counters.malformedCount(BusChannel.CONTROL, MalformedReason.BAD_PAYLOAD)).isPositive();
    }

    @Test
    void a_listener_that_throws_is_counted_and_does_not_stop_the_pipeline() {
        EmbeddedChannel ch = new EmbeddedChannel(new DatagramFrameDecoder("T0", BusChannel.DATA, (c, f, s) -> {
            throw new IllegalStateException("boom");
        }, counters));
        ch.writeInbound(packet(MalformedDatagrams.GOOD_DATA));
        ch.writeInbound(packet(MalformedDatagrams.GOOD_DATA));

        assertThat(counters.callbackFailureCount("frame-listener")).isEqualTo(2);
        assertThat(counters.receivedCount(BusChannel.DATA)).isEqualTo(2);
        assertFalse(ch.finish());
    }

    @Test
    void mutated_datagrams_never_leak_a_buffer_or_escape_the_decoder() {
        EmbeddedChannel ch = channel(BusChannel.DATA);
        List<byte[]> inputs = MalformedDatagrams.mutations(7, 5_000);
        for (byte[] datagram : inputs) {
            ch.writeInbound(packet(datagram));
        }
        assertThat(counters.malformedCount(BusChannel.DATA) + counters.receivedCount(BusChannel.DATA))
                .isEqualTo(inputs.size());
        assertFalse(ch.finish());
    }
}
