package org.jphmesh.control;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jph-control alert ...}: the alert rules of the config (docs/rules.md), one class per subcommand. */
@Command(name = "alert", mixinStandardHelpOptions = true,
        description = "List, acknowledge and silence the alert rules of the config (docs/rules.md).",
        subcommands = {AlertListCommand.class, AlertAckCommand.class, AlertSilenceCommand.class,
                AlertUnsilenceCommand.class})
final class AlertGroupCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @ParentCommand
    JphControl parent;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name an alert command: list, ack, silence or unsilence");
    }
}
