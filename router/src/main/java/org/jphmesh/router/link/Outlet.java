package org.jphmesh.router.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jphmesh.bus.frame.BusChannel;

/** Where a link's datagrams leave: its multicast groups, or its unicast peer. */
public interface Outlet extends AutoCloseable {

    /** Queues a datagram on the router's I/O thread, taking ownership of it; {@link #flush()} sends. */
    void write(BusChannel bus, ByteBuf datagram);

    void flush();

    ByteBufAllocator alloc();

    @Override
    void close();
}
