package org.jphmesh.collector;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.ConfigSource;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.config.SqlSettings;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.NodeOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar collector.jar -c Q1}: runs a collector entry (legacy {@code jphPostgreSQL}, or {@code Collector}). */
@Command(name = "collector", mixinStandardHelpOptions = true, version = "collector 0.1.0",
        description = "Store every reading heard on the JPH mesh in PostgreSQL.")
public final class CollectorMain implements Callable<Integer> {

    @Option(names = {"-c", "--code"}, required = true, description = "the collector's codifier, e.g. Q1")
    String code;

    @Option(names = {"-u", "--config"}, defaultValue = "config.json", description = "config.json path or URL (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = {"-I", "--interface"}, description = "network interface for both buses, overriding Multicast.Interface")
    String interfaceName;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new CollectorMain());
        cli.setExpandAtFiles(false);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("collector: " + e.getMessage());
            return 2;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() {
        Codifier codifier = Codifier.of(code);
        MeshConfig loaded = ConfigLoader.load(config);
        SensorConfig entry = loaded.sensor(codifier).orElseThrow(() ->
                new ConfigException("codifier " + code + " has no entry in " + config));
        if (!entry.type().equals("jphPostgreSQL") && !entry.type().equals("Collector")) {
            throw new ConfigException(code + " has Type " + entry.type() + "; a collector runs jphPostgreSQL or Collector entries");
        }
        Path spool = ConfigSource.expandHome(entry.sensor().path("Spool").asText("~/.jph/spool/" + code));
        long cap = entry.sensor().path("SpoolCapBytes").asLong(Collector.DEFAULT_SPOOL_CAP_BYTES);
        Collector collector = Collector.start(NodeOptions.of(codifier, config).withConfig(loaded)
                .withInterfaceOverride(interfaceName), SqlSettings.fromEntry(entry), spool, cap);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            collector.close();
            Runtime.getRuntime().halt(0);
        }, "collector-stop"));
        collector.node().whenStopped().join();
        collector.close();
        return 0;
    }
}
