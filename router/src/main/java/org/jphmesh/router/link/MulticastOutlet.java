package org.jphmesh.router.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.transport.MulticastTransport;
import org.jphmesh.router.link.LinkCounters.Count;

/** A segment's two bus sockets: the bus transport's, opened raw, written on the router's I/O thread. */
public final class MulticastOutlet implements Outlet {

    private final MulticastTransport transport;
    private final LinkCounters counters;
    private final DatagramChannel control;
    private final DatagramChannel data;
    private boolean pending;

    public MulticastOutlet(MulticastTransport transport, LinkCounters counters) {
        this.transport = transport;
        this.counters = counters;
        this.control = transport.channel(BusChannel.CONTROL);
        this.data = transport.channel(BusChannel.DATA);
    }

    @Override
    public void write(BusChannel bus, ByteBuf datagram) {
        DatagramChannel ch = bus == BusChannel.CONTROL ? control : data;
        ch.write(new DatagramPacket(datagram, transport.settings().group(bus))).addListener(sent -> {
            if (!sent.isSuccess()) {
                counters.add(Count.send_failed);
            }
        });
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
