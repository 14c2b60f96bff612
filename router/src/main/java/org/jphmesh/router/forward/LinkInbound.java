package org.jphmesh.router.forward;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.router.link.Link;
import org.jphmesh.router.link.LinkCounters.Count;

/**
 * Hands each datagram of one socket to the forwarding path, and flushes every link once a read burst is
 * over, so a burst leaves in as few flushes as it arrived in. A unicast link only takes its peer's datagrams.
 */
public final class LinkInbound extends SimpleChannelInboundHandler<DatagramPacket> {

    private final ForwardingEngine engine;
    private final Link link;
    private final BusChannel bus;
    private final InetSocketAddress peer;

    /** {@code bus}: the socket's bus, or {@code null} for a unicast link; {@code peer}: the only sender accepted, or {@code null}. */
    public LinkInbound(ForwardingEngine engine, Link link, BusChannel bus, InetSocketAddress peer) {
        this.engine = engine;
        this.link = link;
        this.bus = bus;
        this.peer = peer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        if (peer != null && !peer.equals(packet.sender())) {
            link.counters().add(Count.foreign);
            return;
        }
        engine.onDatagram(link, bus, packet.content());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        engine.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP errors and the like are per datagram; the socket stays open.
        link.counters().add(Count.send_failed);
    }
}
