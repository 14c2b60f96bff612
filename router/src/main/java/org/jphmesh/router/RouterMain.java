package org.jphmesh.router;

import java.util.List;
import java.util.concurrent.Callable;
import org.jphmesh.app.launch.NodeProcess;
import org.jphmesh.app.roles.EntryTypes;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.frame.Codifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar router.jar -c RT}: runs a {@code Router} entry of config.json. */
@Command(name = "router", mixinStandardHelpOptions = true, version = "router 0.1.0",
        description = "Join JPH multicast segments and unicast links into one mesh, without loops or duplicates.")
public final class RouterMain implements Callable<Integer> {

    @Option(names = {"-c", "--code"}, required = true, description = "the router's codifier, e.g. RT")
    String code;

    @Option(names = {"-u", "--config"}, defaultValue = "config.json", description = "config.json path or URL (default: ${DEFAULT-VALUE})")
    String config;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new RouterMain());
        cli.setExpandAtFiles(false);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("router: " + e.getMessage());
            return NodeProcess.exitCodeOf(e);
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() {
        Router router = Router.start(Codifier.of(code), config, EntryTypes.warnUnknown(ConfigLoader.load(config), config));
        // SIGTERM closes it and exits 0; replaced by a newer instance of its codifier, it exits 3.
        return NodeProcess.await(List.of(router.node().whenStopped()), router::close, "router-stop");
    }
}
