package org.jphmesh.router.link;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.transport.NetworkGuard;

/** A unicast UDP link to one other router: both buses on one socket, the flag telling them apart. */
public final class UnicastOutlet implements Outlet {

    private static final int MAX_DATAGRAM = FrameCodec.MAX_DATAGRAM_BYTES + 128;

    private final DatagramChannel channel;
    private final InetSocketAddress peer;
    private boolean pending;

    private UnicastOutlet(DatagramChannel channel, InetSocketAddress peer) {
        this.channel = channel;
        this.peer = peer;
    }

    /**
     * Binds {@code listen} and sends to {@code peer}.
     *
     * @throws IllegalStateException when the peer is refused by {@code jph.net.allowed-hosts} or the socket cannot bind
     */
    public static UnicastOutlet open(EventLoopGroup group, InetSocketAddress listen, InetSocketAddress peer,
                                     ChannelHandler inbound) {
        NetworkGuard.refusal(URI.create("udp://" + peer.getHostString() + ":" + peer.getPort())).ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        try {
            DatagramChannel channel = (DatagramChannel) new Bootstrap()
                    .group(group)
                    .channelFactory(() -> new NioDatagramChannel(SocketProtocolFamily.INET))
                    .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM).maxMessagesPerRead(64))
                    .handler(inbound)
                    .bind(listen).sync().channel();
            return new UnicastOutlet(channel, peer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + listen, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot bind the unicast link on " + listen + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(BusChannel bus, ByteBuf datagram) {
        channel.write(new DatagramPacket(datagram, peer), channel.voidPromise());
        pending = true;
    }

    @Override
    public void flush() {
        if (pending) {
            pending = false;
            channel.flush();
        }
    }

    @Override
    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
