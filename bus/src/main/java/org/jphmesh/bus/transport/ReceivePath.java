package org.jphmesh.bus.transport;

import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.util.Locale;
import org.jphmesh.bus.codec.FrameCodec;

/**
 * How a listening bus socket reads: {@link #EPOLL} takes up to {@value #DATAGRAMS_PER_CALL} datagrams per
 * system call ({@code recvmmsg}); {@link #NIO} one per call, where the native library does not load
 * (32-bit ARM, other systems). Chosen once per process by {@value #PROPERTY} ({@code auto}, the default,
 * {@code epoll} or {@code nio}). Sending sockets are always NIO: epoll sets the multicast TTL on the wrong level.
 */
public enum ReceivePath {
    EPOLL,
    NIO;

    /** The system property that chooses the receive path. */
    public static final String PROPERTY = "jph.transport.receive";
    static final int DATAGRAMS_PER_CALL = 64;
    // One byte more than the limit, so an oversize datagram is seen as oversize, not as truncated.
    private static final int SLOT_BYTES = FrameCodec.MAX_DATAGRAM_BYTES + 1;

    /** The path {@value #PROPERTY} asks for; {@code auto} is epoll where it loads. */
    public static ReceivePath configured() {
        String asked = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        return switch (asked) {
            case "auto" -> Epoll.isAvailable() ? EPOLL : NIO;
            case "nio" -> NIO;
            case "epoll" -> {
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException(PROPERTY + "=epoll, but epoll is not available here: "
                            + Epoll.unavailabilityCause());
                }
                yield EPOLL;
            }
            default -> throw new IllegalArgumentException(PROPERTY + " must be auto, epoll or nio, not '" + asked + "'");
        };
    }

    /**
     * The receive buffer the kernel granted a socket of this path. Linux reports twice what it grants; the JDK
     * halves that for NIO sockets, Netty's epoll does not.
     */
    int grantedReceiveBuffer(DatagramChannel channel) {
        int reported = channel.config().getReceiveBufferSize();
        return this == EPOLL ? reported / 2 : reported;
    }

    IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    DatagramChannel newChannel() {
        return this == EPOLL ? new EpollDatagramChannel(SocketProtocolFamily.INET)
                : new NioDatagramChannel(SocketProtocolFamily.INET);
    }

    /** Sets the read options: a whole batch of datagram slots per read with epoll, one slot with NIO. */
    void configure(DatagramChannel channel) {
        if (this == EPOLL) {
            // As every other socket here and the legacy nodes' (Linux's default, which Netty's epoll turns off): a
            // group joined on one interface is heard on every interface of the host that joined it.
            channel.config().setOption(EpollChannelOption.IP_MULTICAST_ALL, true);
            channel.config().setOption(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, SLOT_BYTES);
            channel.config().setOption(ChannelOption.RCVBUF_ALLOCATOR,
                    new BatchReadAllocator(SLOT_BYTES * DATAGRAMS_PER_CALL, 16 * DATAGRAMS_PER_CALL));
        } else {
            channel.config().setOption(ChannelOption.RCVBUF_ALLOCATOR,
                    new FixedRecvByteBufAllocator(SLOT_BYTES).maxMessagesPerRead(DATAGRAMS_PER_CALL));
        }
    }
}
