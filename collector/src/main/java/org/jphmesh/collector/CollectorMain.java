package org.jphmesh.collector;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jphmesh.app.launch.NodeProcess;
import org.jphmesh.app.retention.Retention;
import org.jphmesh.app.roles.EntryTypes;
import org.jphmesh.app.store.RedisSettings;
import org.jphmesh.app.store.SqlSettings;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.ConfigSource;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.NodeOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar collector.jar -c Q1}: runs a collector entry (legacy {@code jphPostgreSQL} or {@code jphRedis}, or {@code Collector}). */
@Command(name = "collector", mixinStandardHelpOptions = true, version = "collector 0.1.0",
        description = "Keep what the JPH mesh says: every reading in PostgreSQL, the latest state in Redis.")
public final class CollectorMain implements Callable<Integer> {

    @Option(names = {"-c", "--code"}, required = true, description = "the collector's codifier, e.g. Q1")
    String code;

    @Option(names = {"-u", "--config"}, defaultValue = "config.json", description = "config.json path or URL (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = {"-I", "--interface"}, description = "network interface for both buses, overriding Multicast.Interface")
    String interfaceName;

    private Path spool(SensorConfig entry) {
        return ConfigSource.expandHome(ConfigBlock.of(entry).text("Spool", "~/.jph/spool/" + code));
    }

    private static long spoolCap(SensorConfig entry) {
        return ConfigBlock.of(entry).wholeNumber("SpoolCapBytes", Collector.DEFAULT_SPOOL_CAP_BYTES);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the collector; returns its exit code (2 for a config error, with the message on standard error). */
    static int run(String... args) {
        CommandLine cli = new CommandLine(new CollectorMain());
        cli.setExpandAtFiles(false);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("collector: " + e.getMessage());
            return NodeProcess.exitCodeOf(e);
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        Codifier codifier = Codifier.of(code);
        MeshConfig loaded = EntryTypes.warnUnknown(ConfigLoader.load(config), config);
        SensorConfig entry = loaded.sensor(codifier).orElseThrow(() ->
                new ConfigException("codifier " + code + " has no entry in " + config));
        Collector.Roles roles = switch (entry.type()) {
            case "jphPostgreSQL" -> new Collector.Roles(SqlSettings.fromEntry(entry), spool(entry), spoolCap(entry), null,
                    Retention.fromEntry(entry));
            case "jphRedis" -> new Collector.Roles(null, null, 0, RedisSettings.fromEntry(entry));
            case "Collector" -> new Collector.Roles(entry.sensor().has("SQL") ? SqlSettings.fromEntry(entry) : null,
                    spool(entry), spoolCap(entry), entry.sensor().has("Redis") ? RedisSettings.fromEntry(entry) : null,
                    Retention.fromEntry(entry));
            default -> throw new ConfigException(code + " has Type " + entry.type()
                    + "; a collector runs jphPostgreSQL, jphRedis or Collector entries");
        };
        // Every setting is read above, before the bus is joined: a bad entry never disturbs the running collector.
        Collector collector = Collector.start(NodeOptions.of(codifier, config).withConfig(loaded)
                .withInterfaceOverride(interfaceName), roles);
        // SIGTERM closes it and exits 0. It never gives way to another instance of its codifier: it reports it.
        return NodeProcess.await(List.of(collector.node().whenStopped()), collector::close, "collector-stop");
    }
}
