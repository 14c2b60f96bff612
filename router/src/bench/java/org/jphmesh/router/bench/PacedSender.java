package org.jphmesh.router.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.LockSupport;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;

/**
 * The benchmarks' load: one pre-encoded 32-byte {@code f} datagram, its sequence raised before each send,
 * paced to a rate (0 = as fast as the socket takes them) from a plain NIO channel.
 */
final class PacedSender implements AutoCloseable {

    private final DatagramChannel channel;
    private final ByteBuffer datagram;

    PacedSender(String interfaceName, int ttl, boolean loopback) throws Exception {
        channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName(interfaceName));
        channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, ttl);
        channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, loopback);
        ByteBuf buf = Unpooled.buffer();
        FrameCodec.encode(Frame.data(1, System.currentTimeMillis(), Codifier.of("BS"), new FloatReading(21.5f)), buf);
        datagram = ByteBuffer.allocateDirect(buf.readableBytes()).order(ByteOrder.LITTLE_ENDIAN);
        datagram.put(buf.nioBuffer()).flip();
        buf.release();
    }

    /** Sends to {@code to} at {@code rate} per second for {@code seconds}; returns how many were sent. */
    long send(InetSocketAddress to, long rate, int seconds) throws Exception {
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long sent = 0;
        while (System.nanoTime() < end) {
            long due = rate == 0 ? sent + 64 : (System.nanoTime() - start) * rate / 1_000_000_000L;
            if (sent >= due) {
                // Sleep rather than spin: on two cores a spinning sender would take a whole core from the router.
                LockSupport.parkNanos(50_000);
            }
            while (sent < due) {
                datagram.putInt(0, datagram.getInt(0) + 1);
                datagram.rewind();
                channel.send(datagram, to);
                sent++;
            }
        }
        return sent;
    }

    @Override
    public void close() throws Exception {
        channel.close();
    }
}
