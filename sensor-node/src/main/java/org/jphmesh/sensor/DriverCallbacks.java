package org.jphmesh.sensor;

import io.netty.util.concurrent.Ticker;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.bus.sequence.SequenceStats;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.DriverContext;
import org.jphmesh.sensor.driver.DriverFactory;
import org.jphmesh.sensor.driver.DriverRunner;
import org.jphmesh.sensor.driver.LatestValues;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a driver to its node: read under a deadline on every tick, send what was read, keep the
 * latest values heard for calculated sensors, pass commands on, and build a new driver after a reload
 * (keeping the running one if the new entry is unusable).
 */
final class DriverCallbacks implements NodeCallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(DriverCallbacks.class);

    private final DriverFactory factory;
    private final LatestValues latest = new LatestValues();
    private final AtomicReference<DriverRunner> runner = new AtomicReference<>();
    private volatile SensorConfig entry;
    private volatile Node node;
    private volatile boolean started;

    DriverCallbacks(SensorConfig entry, MeshConfig config, DriverFactory factory) {
        this.factory = factory;
        this.entry = entry;
        this.runner.set(runnerFor(entry, factory.create(entry, config)));
    }

    private static DriverRunner runnerFor(SensorConfig entry, Driver driver) {
        Duration interval = entry.interval();
        Duration byDefault = interval.compareTo(Duration.ofMillis(500)) < 0 ? Duration.ofMillis(500)
                : interval.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : interval;
        Duration deadline = ConfigBlock.of(entry).seconds("ReadTimeout", byDefault);
        return new DriverRunner(entry.code(), driver, deadline, interval, Ticker.systemTicker());
    }

    @Override
    public void onTimer(Node node) {
        DriverRunner current = runner.get();
        if (current == null) {
            return;
        }
        if (!started) {
            this.node = node;
            current.driver().start(context());
            started = true;
        }
        send(node, current.read());
    }

    private void send(Node node, ReadResult result) {
        if (result.status() == ReadResult.Status.GOOD) {
            // As the legacy nodes: a good read says the node lives, so no I is due for another interval.
            node.postponeKeepAlive();
        }
        for (Reading reading : result.readings()) {
            try {
                node.send(reading.codifier(), reading.payload());
            } catch (RuntimeException e) {
                // One unsendable reading must not cost the others of the same read.
                LOG.warn("{} - cannot send a reading for {}: {}", node.codifier(), reading.codifier(), e.getMessage());
            }
        }
    }

    @Override
    public void onFrame(Node node, Frame frame, InetSocketAddress sender) {
        if (frame.channel() == BusChannel.DATA) {
            latest.record(frame);
        }
        DriverRunner current = runner.get();
        if (current != null) {
            current.driver().onFrame(frame);
        }
    }

    @Override
    public void onControl(Node node, Frame frame) {
        DriverRunner current = runner.get();
        if (current != null) {
            current.driver().onControl(frame);
        }
        // As the legacy node: a set-point or step is read out at once, not a whole SensorInterval later.
        if ((frame.flag() == Flag.SET || frame.flag() == Flag.STEP) && node.isActive()) {
            onTimer(node);
        }
    }

    // The old driver goes first: hardware drivers hold their pins and buses until closed, and the new one
    // needs them. If the new entry is unusable, the old entry's driver is built again.
    @Override
    public void onReload(Node node, SensorConfig fresh) {
        DriverRunner old = runner.getAndSet(null);
        if (old != null) {
            old.close();
        }
        DriverRunner next;
        try {
            next = runnerFor(fresh, factory.create(fresh, node.config()));
            entry = fresh;
        } catch (RuntimeException e) {
            LOG.error("{} - the reloaded entry is unusable, keeping the previous one: {}", node.codifier(), e.getMessage());
            try {
                next = runnerFor(entry, factory.create(entry, node.config()));
            } catch (RuntimeException again) {
                LOG.error("{} - the previous entry cannot be rebuilt either; no readings until the next reload: {}",
                        node.codifier(), again.getMessage());
                return;
            }
        }
        runner.set(next);
        if (started) {
            next.driver().start(context());
        }
    }

    /** The running driver's runner, for tests and health reporting. */
    DriverRunner runner() {
        return runner.get();
    }

    /** Closes the current driver; safe to call more than once. */
    void close() {
        DriverRunner last = runner.getAndSet(null);
        if (last != null) {
            last.close();
        }
    }

    private DriverContext context() {
        return new DriverContext() {
            @Override
            public boolean publish(Reading reading) {
                Node current = node;
                return current != null && current.send(reading.codifier(), reading.payload());
            }

            @Override
            public boolean command(Flag flag, Codifier to, double value) {
                Node current = node;
                if (current == null || !current.isActive()) {
                    return false;
                }
                current.sendControl(flag, to, value);
                return true;
            }

            @Override
            public LatestValues latest() {
                return latest;
            }

            @Override
            public Codifier codifier() {
                return node.codifier();
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public boolean active() {
                Node current = node;
                return current != null && current.isActive();
            }

            @Override
            public Optional<SequenceStats> sequence(Codifier codifier) {
                Node current = node;
                return current == null ? Optional.empty() : current.accounting().stats(codifier, BusChannel.DATA);
            }
        };
    }
}
