package org.jphmesh.bus.node;

import java.net.InetSocketAddress;
import java.util.function.BiConsumer;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.metrics.BusCounters;
import org.jphmesh.bus.sequence.SequenceAccounting;
import org.jphmesh.bus.transport.MulticastTransport;

/**
 * A passive ear on both buses: every frame from every sender, accounted, and nothing announced. Monitors
 * and status tools use it so they see all traffic, including that of their own codifier, without being
 * a node themselves. {@link #send} is there for tools that must say one thing (a status ping).
 */
public final class BusListener implements AutoCloseable {

    private final BusCounters counters = new BusCounters();
    private final SequenceAccounting accounting = new SequenceAccounting();
    private final MulticastTransport transport;

    private BusListener(MeshConfig config, String owner, BiConsumer<Frame, InetSocketAddress> onFrame) {
        this.transport = MulticastTransport.open(owner, config.multicast().transportSettings(), null,
                (channel, frame, sender) -> {
                    accounting.observe(frame, System.currentTimeMillis());
                    onFrame.accept(frame, sender);
                }, counters);
    }

    /** Opens both buses; {@code onFrame} runs on the I/O thread and must return at once. */
    public static BusListener open(MeshConfig config, String owner, BiConsumer<Frame, InetSocketAddress> onFrame) {
        return new BusListener(config, owner, onFrame);
    }

    public void send(Frame frame) {
        transport.send(frame);
    }

    public SequenceAccounting accounting() {
        return accounting;
    }

    public BusCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        transport.close();
    }
}
