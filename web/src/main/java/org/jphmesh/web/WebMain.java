package org.jphmesh.web;

import java.util.List;
import java.util.concurrent.Callable;
import org.jphmesh.app.launch.NodeProcess;
import org.jphmesh.app.roles.EntryTypes;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.web.http.WebSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar web.jar -c CF}: the dashboard, its API and the MQTT bridge, as the entry CF describes them. */
@Command(name = "web", mixinStandardHelpOptions = true, version = "web 0.1.0",
        description = "Show and command the JPH mesh in a browser, and bridge it to MQTT.")
public final class WebMain implements Callable<Integer> {

    @Option(names = {"-c", "--code"}, required = true, description = "the dashboard's codifier, e.g. CF")
    String code;

    @Option(names = {"-u", "--config"}, defaultValue = "config.json", description = "config.json path or URL (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = {"-I", "--interface"}, description = "network interface for both buses, overriding Multicast.Interface")
    String interfaceName;

    @Option(names = "--bind", description = "address to listen on, overriding Sensor.Web.Bind (default 127.0.0.1)")
    String bind;

    @Option(names = {"-p", "--port"}, description = "port to listen on, overriding Sensor.Web.Port (default 7070)")
    Integer port;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new WebMain());
        cli.setExpandAtFiles(false);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("web: " + e.getMessage());
            return NodeProcess.exitCodeOf(e);
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() {
        Codifier codifier = Codifier.of(code);
        MeshConfig loaded = EntryTypes.warnUnknown(ConfigLoader.load(config), config);
        SensorConfig entry = loaded.sensor(codifier).orElseThrow(() ->
                new ConfigException("codifier " + code + " has no entry in " + config));
        WebSettings settings = WebSettings.fromEntry(entry);
        if (bind != null) {
            settings = settings.withBind(bind);
        }
        if (port != null) {
            settings = settings.withPort(port);
        }
        WebApp app = WebApp.start(NodeOptions.of(codifier, config).withConfig(loaded).withInterfaceOverride(interfaceName),
                settings);
        // SIGTERM closes it and exits 0; another instance of its codifier does not stop it (WebApp).
        return NodeProcess.await(List.of(app.node().whenStopped()), app::close, "web-stop");
    }
}
