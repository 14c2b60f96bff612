package org.jphmesh.bus.node;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.transport.InboundFrameListener;

/** What the transport reads, handed to its node on the receive thread. */
final class NodeInbound implements InboundFrameListener {

    private final Node node;

    NodeInbound(Node node) {
        this.node = node;
    }

    @Override
    public void onFrame(BusChannel channel, Frame frame, InetSocketAddress sender) {
        // Only a transport without the datagram in hand calls this: the frame's bytes are its encoding.
        ByteBuf wire = Unpooled.buffer(FrameCodec.encodedLength(frame));
        FrameCodec.encode(frame, wire);
        node.onFrame(channel, frame, wire, sender);
    }

    @Override
    public void onFrame(BusChannel channel, Frame frame, ByteBuf wire, InetSocketAddress sender) {
        node.onFrame(channel, frame, wire, sender);
    }

    @Override
    public void readComplete(BusChannel channel) {
        node.readComplete(channel);
    }
}
