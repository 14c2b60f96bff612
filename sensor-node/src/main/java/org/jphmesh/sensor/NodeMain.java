package org.jphmesh.sensor;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.config.SensorTypes;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.node.StopReason;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.DriverRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code java -jar sensor-node.jar -c Q1}: runs one config entry's driver as a node on the mesh; {@code -c Q1,Q2}
 * runs several in one JVM, sharing one I/O thread (a board with several sensors, the demo).
 */
@Command(name = "sensor-node", mixinStandardHelpOptions = true, version = "sensor-node 0.1.0",
        description = "Run the sensor of one config.json entry as a node on the JPH mesh.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:clean stop", "2:usage or config error", "3:replaced by a newer instance of the codifier"})
public final class NodeMain implements Callable<Integer> {

    static final int REPLACED = 3;

    @Option(names = {"-c", "--code"}, split = ",", description = "the codifier of the entry to run, e.g. Q1; several, comma-separated, share one JVM")
    List<String> codes;

    @Option(names = "--runnable", description = "list the codifiers in the config this build can run, and exit")
    boolean listRunnable;

    @Option(names = {"-u", "--config"}, defaultValue = "config.json", description = "config.json path or http(s) URL (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = {"-I", "--interface"}, description = "network interface for both buses, overriding Multicast.Interface")
    String interfaceName;

    public static void main(String[] args) {
        // One small node, a few frames a second: pooled arenas would only hold memory a Pi needs elsewhere.
        if (System.getProperty("io.netty.allocator.type") == null) {
            System.setProperty("io.netty.allocator.type", "unpooled");
        }
        CommandLine cli = new CommandLine(new NodeMain());
        cli.setExpandAtFiles(false);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("sensor-node: " + e.getMessage());
            return 2;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() {
        if (listRunnable) {
            MeshConfig all = ConfigLoader.load(config);
            all.sensors().stream().filter(s -> s.active() && canStart(s, all)).forEach(s -> System.out.println(s.codifier()));
            return 0;
        }
        if (codes == null || codes.isEmpty()) {
            throw new ConfigException("-c CODE is required: the codifier of the config entry to run");
        }
        MeshConfig loaded = ConfigLoader.load(config);
        if (interfaceName != null) {
            loaded = loaded.withInterface(interfaceName);
        }
        List<Codifier> codifiers = new ArrayList<>();
        for (String code : codes) {
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
        // SIGTERM and Ctrl-C: announce halted, close each driver once, and exit 0 as a clean stop.
        Thread onSignal = new Thread(() -> {
            stop(nodes, drivers, shared);
            Runtime.getRuntime().halt(0);
        }, "sensor-node-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        // The process ends when its last node stops; a node replaced by a newer instance makes it exit 3.
        boolean replaced = false;
        for (Node node : nodes) {
            replaced |= node.whenStopped().join() == StopReason.DUPLICATE_INSTANCE;
        }
        stop(nodes, drivers, shared);
        try {
            // Stopped on its own, not by a signal: the exit code is main's, not the hook's 0.
            Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException shuttingDown) {
            return 0;
        }
        return replaced ? REPLACED : 0;
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
            driverFor(entry, config).close();
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
            if (SensorTypes.ROLES.contains(type)) {
                return new ConfigException(entry.codifier() + " has Type " + type
                        + ", a program of the mesh, not a sensor: run its own application instead");
            }
            return new ConfigException(entry.codifier() + " has Type " + type
                    + ", which this build of sensor-node cannot run yet");
        });
    }
}
