package org.jphmesh.sensor.line;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.log.RateLimitedLog;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.DriverContext;
import org.jphmesh.sensor.driver.NetworkGuard;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code "Type":"Serial"} ({@code Port}, {@code Baud}) and {@code "Type":"TcpLine"} ({@code Host}, {@code Port}):
 * a device that speaks lines of text, mapped to readings by {@link LineProtocol}'s patterns. Values are sent as
 * lines arrive, when changed or after {@code Heartbeat}; the node's timer only says whether the device is open, so
 * the node keeps alive with {@code I} frames meanwhile. The device is opened when the node starts and whenever it
 * comes back ({@link LineLink}); a node whose device is unplugged keeps running and answering pings.
 */
public final class LineDriver implements Driver {

    /** The longest line kept; longer ones are dropped and counted. Devices of this kind print tens of bytes. */
    static final int MAX_LINE = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(LineDriver.class);
    private static final RateLimitedLog PROBLEMS = new RateLimitedLog(LOG, 60_000);

    private final Codifier self;
    private final LineProtocol protocol;
    private final LineMapper mapper;
    private final ChangedValues changed;
    private final LineSplitter splitter;
    private final LineLink link;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();
    private volatile DriverContext context;

    private LineDriver(SensorConfig entry, LineTransport transport) {
        this.self = entry.code();
        this.protocol = LineProtocol.read(entry);
        this.mapper = new LineMapper(protocol.patterns());
        this.changed = new ChangedValues(protocol.heartbeat());
        this.splitter = new LineSplitter(protocol.eol(), MAX_LINE);
        Optional<byte[]> query = protocol.query().isPresent() ? Optional.of(withEol(protocol.query().get())) : Optional.empty();
        this.link = new LineLink(self, transport, query, protocol.queryInterval(), new DeviceLines());
    }

    /** {@code "Type":"Serial"}. */
    public static LineDriver serial(SensorConfig entry, MeshConfig config) {
        ConfigBlock settings = ConfigBlock.of(entry);
        int baud = settings.integer("Baud", 9600);
        if (baud <= 0) {
            throw new ConfigException(settings.label() + ".Baud must be > 0, not " + baud);
        }
        return new LineDriver(entry, new SerialTransport(settings.text("Port"), baud));
    }

    /** {@code "Type":"TcpLine"}, subject to {@code jph.net.allowed-hosts}. */
    public static LineDriver tcp(SensorConfig entry, MeshConfig config) {
        ConfigBlock settings = ConfigBlock.of(entry);
        String host = settings.text("Host");
        if (!settings.has("Port")) {
            throw new ConfigException(settings.label() + ".Port is missing");
        }
        int port = settings.port("Port", 0);
        try {
            NetworkGuard.check(new URI("tcp", null, host, port, null, null, null), "TcpLine (" + entry.codifier() + ")");
        } catch (URISyntaxException e) {
            throw new ConfigException(settings.label() + ".Host is not a host name or address: " + host);
        }
        return new LineDriver(entry, new TcpTransport(host, port));
    }

    private byte[] withEol(String line) {
        return (line + protocol.eol()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void start(DriverContext driverContext) {
        this.context = driverContext;
        link.start();
    }

    // Plain classes rather than lambdas: each lambda costs a node some kilobytes it keeps (docs/performance.md).
    private final class DeviceLines implements LineLink.Receiver, Consumer<String> {

        @Override
        public void received(byte[] buffer, int count) {
            bytes.addAndGet(count);
            long overLong = splitter.overLongLines();
            splitter.feed(buffer, count, this);
            if (splitter.overLongLines() > overLong) {
                PROBLEMS.warn(self.value() + "-long", "{} - a line from {} was longer than {} bytes and was dropped ({} so far)",
                        self, link.describe(), MAX_LINE, splitter.overLongLines());
            }
        }

        @Override
        public void opened() {
            splitter.reset();
        }

        @Override
        public void accept(String line) {
            line(line);
        }
    }

    // On the link's thread, one line at a time.
    private void line(String line) {
        lines.incrementAndGet();
        Optional<List<Reading>> readings = mapper.map(line);
        DriverContext current = context;
        if (readings.isEmpty()) {
            long count = unmatched.incrementAndGet();
            PROBLEMS.warn(self.value(), "{} - a line from {} matched no pattern ({} so far): {}", self, link.describe(),
                    count, line.length() > 80 ? line.substring(0, 80) + "..." : line);
            return;
        }
        if (current != null) {
            for (Reading reading : changed.due(readings.get(), current.clock())) {
                current.publish(reading);
            }
        }
    }

    @Override
    public void onControl(Frame frame) {
        double value = frame.control().timeComponent();
        protocol.command(frame.flag(), frame.to(), value).ifPresent(command -> {
            if (link.send(withEol(command))) {
                LOG.info("{} - {} {} from {}: wrote '{}' to {}", self, frame.flag().letter(), value, frame.from(), command,
                        link.describe());
            } else {
                LOG.warn("{} - {} from {} not written: {} is not open or not taking commands", self, frame.flag().letter(),
                        frame.from(), link.describe());
            }
        });
    }

    @Override
    public ReadResult read() {
        String problem = link.problem();
        return problem == null ? ReadResult.none() : ReadResult.failed(problem);
    }

    /** Bytes read from the device since the node started. */
    long bytesRead() {
        return bytes.get();
    }

    long linesRead() {
        return lines.get();
    }

    long unmatchedLines() {
        return unmatched.get();
    }

    long overLongLines() {
        return splitter.overLongLines();
    }

    /** Bytes held for the line being read: never more than {@link #MAX_LINE}. */
    int heldBytes() {
        return splitter.held();
    }

    boolean isOpen() {
        return link.isOpen();
    }

    @Override
    public void close() {
        link.close();
    }
}
