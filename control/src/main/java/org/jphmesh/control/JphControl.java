package org.jphmesh.control;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level command: shared options live in {@link MeshOptions}, one class per subcommand. */
@Command(name = "jph-control", mixinStandardHelpOptions = true, version = "jph-control 0.1.0",
        description = "Operate a JPH mesh from the shell: ping nodes, watch the buses, send commands, acknowledge alerts.",
        subcommands = {PingCommand.class, MonitorCommand.class, SendCommand.class, StatusCommand.class,
                AlertGroupCommand.class})
final class JphControl implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    MeshOptions mesh;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: ping, monitor, send, status or alert");
    }
}
