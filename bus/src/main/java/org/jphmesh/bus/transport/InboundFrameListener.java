package org.jphmesh.bus.transport;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Frame;

/** Receives every well-formed frame a transport reads, on the transport's I/O thread. */
@FunctionalInterface
public interface InboundFrameListener {

    void onFrame(BusChannel channel, Frame frame, InetSocketAddress sender);

    /**
     * As {@link #onFrame(BusChannel, Frame, InetSocketAddress)}, with the frame's bytes as they arrived (without
     * a router's trailer or a signature), for a listener that keeps them: readable only during the call, and
     * never to be released by the listener.
     */
    default void onFrame(BusChannel channel, Frame frame, ByteBuf wire, InetSocketAddress sender) {
        onFrame(channel, frame, sender);
    }

    /** The transport finished one read batch (up to 64 datagrams) on this bus: a moment to flush. */
    default void readComplete(BusChannel channel) {
    }
}
