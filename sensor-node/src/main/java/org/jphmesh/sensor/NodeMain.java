package org.jphmesh.sensor;

import java.util.concurrent.Callable;
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

/** {@code java -jar sensor-node.jar -c Q1}: runs one config entry's driver as a node on the mesh. */
@Command(name = "sensor-node", mixinStandardHelpOptions = true, version = "sensor-node 0.1.0",
        description = "Run the sensor of one config.json entry as a node on the JPH mesh.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:clean stop", "2:usage or config error", "3:replaced by a newer instance of the codifier"})
public final class NodeMain implements Callable<Integer> {

    static final int REPLACED = 3;

    @Option(names = {"-c", "--code"}, description = "the codifier of the entry to run, e.g. Q1")
    String code;

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
        if (code == null) {
            throw new ConfigException("-c CODE is required: the codifier of the config entry to run");
        }
        Codifier codifier;
        try {
            codifier = Codifier.of(code);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("-c: " + e.getMessage());
        }
        MeshConfig loaded = ConfigLoader.load(config);
        if (interfaceName != null) {
            loaded = loaded.withInterface(interfaceName);
        }
        SensorConfig entry = loaded.sensor(codifier).orElseThrow(() -> new ConfigException(
                "codifier " + code + " has no entry in " + config));
        DriverCallbacks callbacks = new DriverCallbacks(entry, loaded, NodeMain::driverFor);
        Node node = Node.start(NodeOptions.of(codifier, config).withConfig(loaded).withInterfaceOverride(interfaceName),
                callbacks);
        // SIGTERM and Ctrl-C: announce halted, close the driver once, and exit 0 as a clean stop.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            callbacks.close();
            Runtime.getRuntime().halt(0);
        }, "sensor-node-stop"));
        StopReason reason = node.whenStopped().join();
        callbacks.close();
        return reason == StopReason.DUPLICATE_INSTANCE ? REPLACED : 0;
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
