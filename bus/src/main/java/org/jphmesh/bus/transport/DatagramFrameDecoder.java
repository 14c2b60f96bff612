package org.jphmesh.bus.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.codec.MalformedFrameException;
import org.jphmesh.bus.codec.MalformedReason;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.metrics.BusMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns datagrams into frames for one bus. A datagram that does not decode, or carries the other
 * bus's flag, is counted by reason, logged rate-limited and dropped: nothing from the network escapes
 * into the pipeline, and nothing a listener throws stops the next datagram from being read.
 */
public final class DatagramFrameDecoder extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger LOG = LoggerFactory.getLogger(DatagramFrameDecoder.class);

    private final BusChannel channel;
    private final InboundFrameListener listener;
    private final BusMetrics metrics;
    private final String owner;
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 10_000);

    public DatagramFrameDecoder(String owner, BusChannel channel, InboundFrameListener listener, BusMetrics metrics) {
        this.owner = owner;
        this.channel = channel;
        this.listener = listener;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        Frame frame;
        try {
            frame = FrameCodec.decode(packet.content());
            if (frame.channel() != channel) {
                throw new MalformedFrameException(MalformedReason.WRONG_CHANNEL,
                        "flag " + frame.flag().letter() + " belongs on the " + frame.channel().label() + " bus");
            }
        } catch (MalformedFrameException e) {
            // UDP: one bad datagram says nothing about the next, so drop it and keep reading.
            metrics.malformed(channel, e.reason());
            rateLimited.warn(channel + e.reason().name(), "{} - dropped malformed datagram on the {} bus from {}: {}",
                    owner, channel.label(), packet.sender(), e.getMessage());
            return;
        }
        metrics.frameReceived(channel);
        try {
            listener.onFrame(channel, frame, packet.sender());
        } catch (RuntimeException e) {
            metrics.callbackFailed("frame-listener");
            rateLimited.warn("listener", "{} - frame listener failed on {}: {}", owner, frame, e.toString());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        try {
            listener.readComplete(channel);
        } catch (RuntimeException e) {
            metrics.callbackFailed("frame-listener");
            rateLimited.warn("listener-complete", "{} - read-complete listener failed: {}", owner, e.toString());
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Socket errors (e.g. ICMP unreachable) are reported per datagram; the channel stays open.
        metrics.receiveFailed(channel);
        rateLimited.warn("io-" + channel, "{} - {} bus I/O error: {}", owner, channel.label(), cause.toString());
    }
}
