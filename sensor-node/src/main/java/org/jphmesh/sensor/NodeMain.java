package org.jphmesh.sensor;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.ParseException;
import org.jphmesh.app.launch.NodeProcess;
import org.jphmesh.app.roles.EntryTypes;
import org.jphmesh.app.roles.ProgramRoles;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.transport.ReceivePath;
import org.jphmesh.sensor.driver.Driver;

/**
 * {@code java -jar sensor-node.jar -c Q1}: runs one config entry's driver as a node on the mesh; {@code -c Q1,Q2}
 * runs several in one JVM, sharing one I/O thread (a board with several sensors, the demo).
 */
public final class NodeMain {

    private NodeMain() {
    }

    public static void main(String[] args) {
        // The documented switch for more detail; SLF4J's simple backend reads its own property once, at first use.
        String level = System.getProperty("jph.log.level");
        if (level != null && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level.toLowerCase(Locale.ROOT));
        }
        // A few frames a second: one datagram per call costs nothing, and epoll's native library and batch
        // buffers would take 2.5 MB of the node's 48 MB (docs/performance.md). Collectors and routers batch.
        if (System.getProperty(ReceivePath.PROPERTY) == null) {
            System.setProperty(ReceivePath.PROPERTY, "nio");
        }
        // One small node, a few frames a second: pooled arenas would only hold memory a Pi needs elsewhere.
        if (System.getProperty("io.netty.allocator.type") == null) {
            System.setProperty("io.netty.allocator.type", "unpooled");
        }
        // Netty's flight-recorder events are off unless asked for: probing for them loads classes a node keeps.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        System.exit(run(args));
    }

    static int run(String... args) {
        NodeArguments arguments;
        try {
            arguments = NodeArguments.parse(args);
        } catch (ParseException e) {
            System.err.println("sensor-node: " + e.getMessage());
            NodeArguments.printHelp(System.err);
            return NodeProcess.CONFIG_ERROR;
        }
        if (arguments.help()) {
            NodeArguments.printHelp(System.out);
            return 0;
        }
        if (arguments.version()) {
            System.out.println(NodeArguments.VERSION);
            return 0;
        }
        try {
            return arguments.listRunnable() ? listRunnable(arguments.config()) : runNodes(arguments);
        } catch (RuntimeException e) {
            System.err.println("sensor-node: " + e.getMessage());
            return NodeProcess.exitCodeOf(e);
        }
    }

    private static int listRunnable(String config) {
        MeshConfig all = EntryTypes.warnUnknown(ConfigLoader.load(config), config);
        all.sensors().stream().filter(s -> s.active() && canStart(s, all)).forEach(s -> System.out.println(s.codifier()));
        return 0;
    }

    private static int runNodes(NodeArguments arguments) {
        if (arguments.codes().isEmpty()) {
            throw new ConfigException("-c CODE is required: the codifier of the config entry to run");
        }
        String config = arguments.config();
        String interfaceName = arguments.interfaceName();
        MeshConfig loaded = EntryTypes.warnUnknown(ConfigLoader.load(config), config);
        if (interfaceName != null) {
            loaded = loaded.withInterface(interfaceName);
        }
        List<Codifier> codifiers = new ArrayList<>();
        for (String code : arguments.codes()) {
            try {
                codifiers.add(Codifier.of(code));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("-c: " + e.getMessage());
            }
        }
        EventLoopGroup shared = codifiers.size() > 1 ? new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()) : null;
        List<Node> nodes = new ArrayList<>();
        List<DriverCallbacks> drivers = new ArrayList<>();
        try {
            for (Codifier codifier : codifiers) {
                SensorConfig entry = loaded.sensor(codifier).orElseThrow(() -> new ConfigException(
                        "codifier " + codifier + " has no entry in " + config));
                DriverCallbacks callbacks = new DriverCallbacks(entry, loaded, NodeMain::driverFor);
                drivers.add(callbacks);
                nodes.add(Node.start(NodeOptions.of(codifier, config).withConfig(loaded)
                        .withInterfaceOverride(interfaceName).withEventLoopGroup(shared), callbacks));
            }
        } catch (RuntimeException e) {
            stop(nodes, drivers, shared);
            throw e;
        }
        // SIGTERM and Ctrl-C announce halted, close each driver once, and exit 0; a replaced node exits 3.
        return NodeProcess.await(nodes.stream().map(Node::whenStopped).toList(), () -> stop(nodes, drivers, shared), "sensor-node-stop");
    }

    private static synchronized void stop(List<Node> nodes, List<DriverCallbacks> drivers, EventLoopGroup shared) {
        nodes.forEach(Node::close);
        drivers.forEach(DriverCallbacks::close);
        if (shared != null) {
            shared.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }

    // Whether the entry's driver would start here: known type, usable settings, hardware present.
    private static boolean canStart(SensorConfig entry, MeshConfig config) {
        try {
            DriverRegistry.check(entry, config);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Driver driverFor(SensorConfig entry, MeshConfig config) {
        String type = entry.type();
        return DriverRegistry.forType(type).map(factory -> factory.create(entry, config)).orElseThrow(() -> {
            if (entry.isProxy()) {
                return new ConfigException(entry.codifier() + " is a Proxy entry: its readings are sent by "
                        + entry.proxyParent() + "; run that codifier instead");
            }
            if (ProgramRoles.isRole(type)) {
                return new ConfigException(entry.codifier() + " has Type " + type
                        + ", a program of the mesh, not a sensor: run its own application instead");
            }
            return new ConfigException(entry.codifier() + " has Type " + type
                    + ", which this build of sensor-node cannot run yet");
        });
    }
}
