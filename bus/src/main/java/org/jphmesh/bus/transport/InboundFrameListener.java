package org.jphmesh.bus.transport;

import java.net.InetSocketAddress;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Frame;

/** Receives every well-formed frame a transport reads, on the transport's I/O thread. */
@FunctionalInterface
public interface InboundFrameListener {

    void onFrame(BusChannel channel, Frame frame, InetSocketAddress sender);

    /** The transport finished one read batch (up to 64 datagrams) on this bus: a moment to flush. */
    default void readComplete(BusChannel channel) {
    }
}
