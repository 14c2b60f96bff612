package org.jphmesh.router.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Ticker;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jphmesh.bus.codec.RouteTrailer;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.testing.LeakCheck;
import org.jphmesh.bus.testing.LoopbackSender;
import org.jphmesh.bus.testing.MalformedDatagrams;
import org.jphmesh.router.config.LinkSettings;
import org.jphmesh.router.config.RateLimit;
import org.jphmesh.router.link.Link;
import org.jphmesh.router.link.LinkCounters.Count;
import org.jphmesh.router.link.Outlet;
import org.jphmesh.router.topology.MeshTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The forwarding path in an {@code EmbeddedChannel}: datagrams arrive in pooled, tracked buffers and every copy
 * goes out through an outlet that sends (and releases) it on flush, so {@link LeakCheck} fails the test if any
 * path (forwarded, dropped, rate-limited, malformed) keeps a buffer.
 */
@ExtendWith(LeakCheck.class)
class ForwardingEngineTest {

    private static final Codifier S1 = Codifier.of("S1");
    private static final InetSocketAddress GROUP = new InetSocketAddress("239.255.0.1", 40001);
    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40000);

    /** An outlet that takes each datagram as a socket would: sent, then released, on flush. */
    private static final class SendingOutlet implements Outlet {
        final List<byte[]> sent = new ArrayList<>();
        private final List<ByteBuf> queued = new ArrayList<>();

        @Override
        public void write(BusChannel bus, ByteBuf datagram) {
            queued.add(datagram);
        }

        @Override
        public void flush() {
            for (ByteBuf datagram : queued) {
                sent.add(ByteBufUtil.getBytes(datagram));
                datagram.release();
            }
            queued.clear();
        }

        @Override
        public ByteBufAllocator alloc() {
            return PooledByteBufAllocator.DEFAULT;
        }

        @Override
        public void close() {
            queued.forEach(ByteBuf::release);
        }
    }

    private final Link a = link(0, "a", false, null);
    private final Link b = link(1, "b", false, null);
    private final Link legacy = link(2, "l", true, null);
    private final Link limited = link(3, "c", false, new RateLimit(1L, 1L));
    private final ForwardingEngine engine = new ForwardingEngine(List.of(a, b, legacy, limited),
            new MeshTopology(Map.of("RT", List.of("a", "b", "l", "c"))).planFor(Codifier.of("RT")), 8, 2_000_000_000L, null);

    private static Link link(int index, String name, boolean isLegacy, RateLimit rateLimit) {
        Link link = new Link(index, new LinkSettings(name, "lo", null, null, null, null, null, null, isLegacy, null,
                rateLimit), Ticker.newMockTicker());
        link.attach(new SendingOutlet());
        return link;
    }

    private static List<byte[]> sent(Link link) {
        return ((SendingOutlet) link.outlet()).sent;
    }

    private EmbeddedChannel inbound(Link link) {
        return new EmbeddedChannel(new LinkInbound(engine, link, BusChannel.DATA, null));
    }

    private static DatagramPacket packet(byte[] bytes) {
        return new DatagramPacket(LeakCheck.pooled(bytes), GROUP, SENDER);
    }

    private static byte[] reading(long sequence) {
        return LoopbackSender.encode(Frame.data(sequence, 1_700_000_000_000L + sequence, S1, Readings.of((float) sequence)));
    }

    @Test
    void a_reading_goes_out_on_every_other_link_and_the_legacy_one_gets_the_bare_frame() {
        EmbeddedChannel fromA = inbound(a);
        byte[] frame = reading(1);

        fromA.writeInbound(packet(frame));

        assertThat(sent(b)).singleElement().satisfies(copy -> {
            assertThat(copy).hasSize(frame.length + RouteTrailer.BYTES).startsWith(frame);
        });
        assertThat(sent(legacy)).singleElement().isEqualTo(frame);
        assertThat(sent(a)).isEmpty();
        assertFalse(fromA.finish());
    }

    @Test
    void no_path_through_the_router_keeps_a_buffer() {
        EmbeddedChannel fromA = inbound(a);
        EmbeddedChannel fromB = inbound(b);
        for (long sequence = 1; sequence <= 5; sequence++) {
            fromA.writeInbound(packet(reading(sequence)));
        }
        fromA.writeInbound(packet(reading(1)));
        for (byte[] malformed : MalformedDatagrams.oneOfEachKind(false)) {
            fromA.writeInbound(packet(malformed));
        }
        fromA.writeInbound(packet(LoopbackSender.encode(Frame.control(9, 1_700_000_000_000L, Flag.ALIVE, S1,
                Codifier.BROADCAST, 1_700_000_000_000L, true))));
        fromA.writeInbound(packet(withTrailer(reading(20), 8)));
        fromB.writeInbound(packet(sent(b).get(0)));

        assertThat(sent(b)).hasSize(5);
        assertThat(a.counters().get(Count.duplicates)).isEqualTo(1);
        assertThat(a.counters().get(Count.malformed)).isEqualTo(MalformedDatagrams.oneOfEachKind(false).size() + 1);
        assertThat(a.counters().get(Count.hop_limited)).isEqualTo(1);
        assertThat(b.counters().get(Count.echoes)).isEqualTo(1);
        assertThat(limited.counters().get(Count.forwarded)).isEqualTo(1);
        assertThat(limited.counters().get(Count.rate_limited)).isEqualTo(4);
        assertFalse(fromA.finish());
        assertFalse(fromB.finish());
    }

    private static byte[] withTrailer(byte[] frame, int hops) {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.heapBuffer();
        try {
            buffer.writeBytes(frame);
            new RouteTrailer(RouteTrailer.segmentId("a"), hops).write(buffer);
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }
}
