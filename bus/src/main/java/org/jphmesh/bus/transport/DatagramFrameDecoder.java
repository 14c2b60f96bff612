package org.jphmesh.bus.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.jphmesh.bus.auth.AuthMode;
import org.jphmesh.bus.auth.AuthVerdict;
import org.jphmesh.bus.auth.FrameAuthenticator;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.codec.MalformedFrameException;
import org.jphmesh.bus.codec.MalformedReason;
import org.jphmesh.bus.codec.RouteTrailer;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.log.RateLimitedLog;
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
    private final FrameAuthenticator auth;
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 10_000);

    public DatagramFrameDecoder(String owner, BusChannel channel, InboundFrameListener listener, BusMetrics metrics) {
        this(owner, channel, listener, metrics, null);
    }

    /** {@code auth}: checks signatures as its mode says; null accepts every frame (a trailer is removed unread). */
    public DatagramFrameDecoder(String owner, BusChannel channel, InboundFrameListener listener, BusMetrics metrics,
                                FrameAuthenticator auth) {
        this.auth = auth;
        this.owner = owner;
        this.channel = channel;
        this.listener = listener;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        // A router's trailer only concerns routers; nodes read the frame (and signature) before it.
        ByteBuf content = RouteTrailer.strip(packet.content());
        AuthVerdict signature = auth == null || auth.mode() == AuthMode.off ? AuthVerdict.UNSIGNED : auth.verifySignature(content);
        if (signature == AuthVerdict.BAD_SIGNATURE || signature == AuthVerdict.UNKNOWN_KEY
                || signature == AuthVerdict.UNSIGNED && auth != null && auth.mode() == AuthMode.require) {
            refuse(signature, packet);
            return;
        }
        Frame frame;
        ByteBuf wire;
        try {
            wire = content.slice(content.readerIndex(), FrameAuthenticator.frameLength(content));
            frame = FrameCodec.decode(wire.duplicate());
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
        if (signature == AuthVerdict.VALID) {
            AuthVerdict fresh = auth.admit(frame);
            if (fresh != AuthVerdict.VALID) {
                refuse(fresh, packet);
                return;
            }
        }
        metrics.frameReceived(channel);
        try {
            listener.onFrame(channel, frame, wire, packet.sender());
        } catch (RuntimeException e) {
            metrics.callbackFailed("frame-listener");
            rateLimited.warn("listener", "{} - frame listener failed on {}: {}", owner, frame, e.toString());
        }
    }

    // Refused frames are counted by reason (auth-unsigned, auth-bad-signature, ...) and never reach the node.
    private void refuse(AuthVerdict verdict, DatagramPacket packet) {
        metrics.dropped(verdict.label());
        rateLimited.warn(channel + verdict.name(), "{} - refused a datagram on the {} bus from {}: {}", owner,
                channel.label(), packet.sender(), verdict.label());
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
