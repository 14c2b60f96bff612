package org.jphmesh.bus.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jphmesh.bus.auth.FrameAuthenticator;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.metrics.BusMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multicast sockets of a node. Each bus has a sending socket (Netty NIO: the epoll transport sets the
 * multicast TTL on the wrong socket level) and, if the node listens there, a receiving socket read by a
 * thread of its own ({@link ReceivePath}: many datagrams per system call where epoll loads), so reading
 * never waits behind sends, timers or anything else the node does.
 *
 * <p>Each receiving socket binds the group address itself, not the wildcard, so it only sees its own group
 * even when other groups share the port, and sets SO_REUSEADDR so any number of nodes on one host can
 * listen to the same bus. A program that reads and writes datagrams itself ({@link #openRaw}, a router)
 * gets one NIO socket per bus, both reading and sending, on its own I/O thread.
 */
public final class MulticastTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MulticastTransport.class);

    private final String owner;
    private final TransportSettings settings;
    private final BusMetrics metrics;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final EventLoopGroup receiveGroup;
    private volatile Map<BusChannel, DatagramChannel> channels = Map.of();
    private volatile Map<BusChannel, DatagramChannel> receivers = Map.of();
    private volatile boolean closed;

    private MulticastTransport(String owner, TransportSettings settings, BusMetrics metrics, EventLoopGroup group,
                               boolean ownsGroup, EventLoopGroup receiveGroup) {
        this.owner = owner;
        this.settings = settings;
        this.metrics = metrics;
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.receiveGroup = receiveGroup;
    }

    /**
     * Opens both buses and starts reading. With {@code group == null} the transport runs its own I/O thread.
     *
     * @throws IllegalStateException when the interface is refused by {@link InterfaceGuard} or a socket cannot open
     */
    public static MulticastTransport open(String owner, TransportSettings settings, EventLoopGroup group,
                                          InboundFrameListener listener, BusMetrics metrics) {
        return open(owner, settings, group, listener, metrics, EnumSet.allOf(BusChannel.class));
    }

    /**
     * Opens both buses but listens only on {@code listening}; a bus not listed is send-only: its socket is not
     * bound to the group and never joins it, so a program that only sends there (a router's own node on a
     * busy data bus) is not handed every datagram of it.
     */
    public static MulticastTransport open(String owner, TransportSettings settings, EventLoopGroup group,
                                          InboundFrameListener listener, BusMetrics metrics, Set<BusChannel> listening) {
        NetworkInterface networkInterface = InterfaceGuard.resolve(settings.interfaceName(), settings.controlGroup());
        // Joining a group by epoll needs the interface named; without one the kernel's choice needs NIO.
        ReceivePath path = networkInterface == null ? ReceivePath.NIO : ReceivePath.configured();
        boolean ownsGroup = group == null;
        EventLoopGroup loops = ownsGroup ? new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()) : group;
        EventLoopGroup receiving = listening.isEmpty() ? null : new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("jph-" + owner + "-receive", true), path.ioHandlerFactory());
        MulticastTransport transport = new MulticastTransport(owner, settings, metrics, loops, ownsGroup, receiving);
        try {
            Map<BusChannel, DatagramChannel> senders = new EnumMap<>(BusChannel.class);
            Map<BusChannel, DatagramChannel> readers = new EnumMap<>(BusChannel.class);
            for (BusChannel channel : BusChannel.values()) {
                senders.put(channel, transport.bindSender(channel, networkInterface));
                transport.channels = Map.copyOf(senders);
                if (listening.contains(channel)) {
                    readers.put(channel, transport.bindReceiver(channel, networkInterface, path,
                            new DatagramFrameDecoder(owner, channel, listener, metrics, settings.authenticator())));
                    transport.receivers = Map.copyOf(readers);
                }
            }
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        LOG.debug("{} - receiving with {} on {}", owner, path, listening);
        return transport;
    }

    /**
     * Opens both buses for a program that reads datagrams itself (a router): {@code handlers} gives each
     * bus socket its inbound handler, which receives {@link DatagramPacket}s.
     */
    public static MulticastTransport openRaw(String owner, TransportSettings settings, EventLoopGroup group,
                                             Function<BusChannel, ChannelHandler> handlers, BusMetrics metrics) {
        NetworkInterface networkInterface = InterfaceGuard.resolve(settings.interfaceName(), settings.controlGroup());
        boolean ownsGroup = group == null;
        EventLoopGroup loops = ownsGroup ? new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()) : group;
        MulticastTransport transport = new MulticastTransport(owner, settings, metrics, loops, ownsGroup, null);
        try {
            Map<BusChannel, DatagramChannel> opened = new EnumMap<>(BusChannel.class);
            for (BusChannel channel : BusChannel.values()) {
                DatagramChannel ch = transport.bindSocket(channel, networkInterface, loops, ReceivePath.NIO,
                        handlers.apply(channel), settings.group(channel));
                opened.put(channel, ch);
                transport.channels = Map.copyOf(opened);
                transport.join(channel, ch, networkInterface, ReceivePath.NIO);
            }
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        return transport;
    }

    // Sends only: bound to a free port, never joined and never read, so no datagram queues up on it.
    private DatagramChannel bindSender(BusChannel channel, NetworkInterface networkInterface) {
        DatagramChannel ch = bindSocket(channel, networkInterface, group, ReceivePath.NIO, new ChannelInboundHandlerAdapter(),
                new InetSocketAddress(0));
        ch.config().setAutoRead(false);
        return ch;
    }

    private DatagramChannel bindReceiver(BusChannel channel, NetworkInterface networkInterface, ReceivePath path,
                                         ChannelHandler handler) {
        DatagramChannel ch = bindSocket(channel, networkInterface, receiveGroup, path, handler, settings.group(channel));
        ch.pipeline().addLast(new ReadPacer());
        join(channel, ch, networkInterface, path);
        return ch;
    }

    private DatagramChannel bindSocket(BusChannel channel, NetworkInterface networkInterface, EventLoopGroup loops,
                                       ReceivePath path, ChannelHandler handler, InetSocketAddress local) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loops)
                .channelFactory(path::newChannel)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_RCVBUF, settings.receiveBufferBytes())
                .handler(handler);
        DatagramChannel ch = null;
        try {
            ch = (DatagramChannel) bootstrap.register().sync().channel();
            path.configure(ch);
            if (path == ReceivePath.NIO) {
                ch.config().setLoopbackModeDisabled(!settings.loopback());
                if (networkInterface != null) {
                    // Bootstrap options only log when they fail; the outgoing interface must not fail silently.
                    ch.config().setNetworkInterface(networkInterface);
                    if (!networkInterface.equals(ch.config().getNetworkInterface())) {
                        throw new IllegalStateException("the socket did not accept " + networkInterface.getName()
                                + " as its multicast interface");
                    }
                }
                ch.config().setTimeToLive(settings.ttl());
                if (ch.config().getTimeToLive() != settings.ttl()) {
                    throw new IllegalStateException("the socket did not accept multicast TTL " + settings.ttl());
                }
            }
            ch.bind(local).sync();
            return ch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(ch);
            throw new IllegalStateException(owner + " - interrupted while opening the " + channel.label() + " bus", e);
        } catch (Exception e) {
            closeQuietly(ch);
            throw new IllegalStateException(owner + " - cannot open the " + channel.label() + " bus on "
                    + settings.group(channel) + (networkInterface == null ? "" : " via " + networkInterface.getName())
                    + ": " + e.getMessage(), e);
        }
    }

    private void join(BusChannel channel, DatagramChannel ch, NetworkInterface networkInterface, ReceivePath path) {
        InetSocketAddress groupAddress = settings.group(channel);
        // Less than asked means net.core.rmem_max capped it.
        int granted = path.grantedReceiveBuffer(ch);
        if (granted < settings.receiveBufferBytes()) {
            LOG.info("{} - {} bus receive buffer is {} bytes, not the {} asked for: raise net.core.rmem_max for"
                    + " high-rate receivers such as collectors (docs/packaging.md)", owner, channel.label(), granted,
                    settings.receiveBufferBytes());
        }
        try {
            ChannelFuture joined = networkInterface == null
                    ? ch.joinGroup(groupAddress.getAddress())
                    : ch.joinGroup(groupAddress, networkInterface);
            joined.sync();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(ch);
            throw new IllegalStateException(owner + " - interrupted while joining the " + channel.label() + " bus", e);
        } catch (Exception e) {
            closeQuietly(ch);
            throw new IllegalStateException(owner + " - cannot join the " + channel.label() + " bus on "
                    + groupAddress + (networkInterface == null ? "" : " via " + networkInterface.getName())
                    + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(DatagramChannel ch) {
        if (ch != null) {
            ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }

    /**
     * Encodes and sends a frame on its bus. Thread-safe: frames leave in the order of the calls, whichever
     * threads make them, so a sequence number taken under a lock is also the order on the wire.
     * After {@link #close()} frames are counted as failed sends and dropped.
     */
    public void send(Frame frame) {
        BusChannel channel = frame.channel();
        DatagramChannel ch = channels.get(channel);
        if (ch == null || closed) {
            metrics.sendFailed(channel);
            return;
        }
        FrameAuthenticator auth = settings.authenticator();
        boolean signed = auth != null && auth.signs();
        ByteBuf buf = ch.alloc().directBuffer(FrameCodec.encodedLength(frame) + (signed ? FrameAuthenticator.TRAILER_BYTES : 0));
        try {
            FrameCodec.encode(frame, buf);
            if (signed) {
                auth.sign(buf);
            }
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
        write(channel, ch, buf);
    }

    /** Sends already-encoded bytes on a bus, taking ownership of {@code datagram}; for tools and tests. */
    public void sendRaw(BusChannel channel, ByteBuf datagram) {
        DatagramChannel ch = channels.get(channel);
        if (ch == null || closed) {
            datagram.release();
            metrics.sendFailed(channel);
            return;
        }
        write(channel, ch, datagram);
    }

    private void write(BusChannel channel, DatagramChannel ch, ByteBuf buf) {
        DatagramPacket packet = new DatagramPacket(buf, settings.group(channel));
        // Always through the loop's queue, even on the loop: an inline write would overtake queued ones.
        try {
            ch.eventLoop().execute(() -> ch.writeAndFlush(packet).addListener(future -> {
                if (future.isSuccess()) {
                    metrics.frameSent(channel);
                } else {
                    metrics.sendFailed(channel);
                }
            }));
        } catch (RejectedExecutionException e) {
            packet.release();
            metrics.sendFailed(channel);
        }
    }

    /** The socket of one bus, for a program that writes datagrams itself on its I/O thread (a router). */
    public DatagramChannel channel(BusChannel channel) {
        return channels.get(channel);
    }

    public TransportSettings settings() {
        return settings;
    }

    /** The I/O threads; callers may schedule protocol timers here. */
    public EventLoopGroup eventLoopGroup() {
        return group;
    }

    /** Closes both sockets; waits for them unless called on the transport's own I/O thread. */
    @Override
    public void close() {
        closed = true;
        for (DatagramChannel ch : receivers.values()) {
            closeAndWait(ch);
        }
        shutDown(receiveGroup);
        for (DatagramChannel ch : channels.values()) {
            closeAndWait(ch);
        }
        if (ownsGroup) {
            shutDown(group);
        }
    }

    // Waiting on a loop from inside it would deadlock: a node may close its transport from a frame it read.
    private static void closeAndWait(DatagramChannel ch) {
        if (ch.eventLoop().inEventLoop()) {
            ch.close();
        } else {
            ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }

    private static void shutDown(EventLoopGroup loops) {
        if (loops == null) {
            return;
        }
        Future<?> terminated = loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (!loops.next().inEventLoop()) {
            terminated.awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }
}
