package org.jphmesh.router.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.transport.MulticastTransport;

/** A segment's two bus sockets: the bus transport's, opened raw, written on the router's I/O thread. */
public final class MulticastOutlet implements Outlet {

    private final MulticastTransport transport;
    private final DatagramChannel control;
    private final DatagramChannel data;
    private final InetSocketAddress controlGroup;
    private final InetSocketAddress dataGroup;
    private boolean pending;

    public MulticastOutlet(MulticastTransport transport) {
        this.transport = transport;
        this.control = transport.channel(BusChannel.CONTROL);
        this.data = transport.channel(BusChannel.DATA);
        this.controlGroup = transport.settings().group(BusChannel.CONTROL);
        this.dataGroup = transport.settings().group(BusChannel.DATA);
    }

    @Override
    public void write(BusChannel bus, ByteBuf datagram) {
        DatagramChannel ch = bus == BusChannel.CONTROL ? control : data;
        // A void promise saves two objects per frame; a failed send reaches LinkInbound.exceptionCaught.
        ch.write(new DatagramPacket(datagram, bus == BusChannel.CONTROL ? controlGroup : dataGroup), ch.voidPromise());
        pending = true;
    }

    @Override
    public void flush() {
        if (pending) {
            pending = false;
            control.flush();
            data.flush();
        }
    }

    @Override
    public ByteBufAllocator alloc() {
        return data.alloc();
    }

    @Override
    public void close() {
        transport.close();
    }
}
