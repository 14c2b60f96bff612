package org.jphmesh.bus.testing;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;

/** Callbacks that remember everything, for assertions; optionally sends a reading on each tick. */
public class RecordingCallbacks implements NodeCallbacks {

    public final List<Frame> heard = new CopyOnWriteArrayList<>();
    public final List<Frame> control = new CopyOnWriteArrayList<>();
    public final List<Frame> data = new CopyOnWriteArrayList<>();
    public final List<SensorConfig> reloads = new CopyOnWriteArrayList<>();
    public final AtomicInteger ticks = new AtomicInteger();

    @Override
    public void onTimer(Node node) {
        ticks.incrementAndGet();
    }

    @Override
    public void onControl(Node node, Frame frame) {
        control.add(frame);
    }

    @Override
    public void onData(Node node, Frame frame) {
        data.add(frame);
    }

    @Override
    public void onReload(Node node, SensorConfig entry) {
        reloads.add(entry);
    }

    @Override
    public void onFrame(Node node, Frame frame, InetSocketAddress sender) {
        heard.add(frame);
    }

    public List<Frame> heard(Predicate<Frame> filter) {
        return heard.stream().filter(filter).toList();
    }
}
