package org.jphmesh.control;

import java.util.concurrent.Callable;
import org.jphmesh.app.alerts.AlertCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jph-control alert ack W1}: no repeated notifications of the current firing until it resolves. */
@Command(name = "ack", mixinStandardHelpOptions = true,
        description = "Acknowledge a firing rule: no repeated notifications until it resolves (A 0 to the rule).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the rule's alerts node confirmed", "1:no confirmation in time", "2:usage or config error"})
final class AlertAckCommand implements Callable<Integer> {

    @ParentCommand
    AlertGroupCommand group;

    @Mixin
    AlertSender sender;

    @Parameters(index = "0", paramLabel = "RULE", description = "the rule's codifier, e.g. W1")
    String rule;

    @Override
    public Integer call() throws Exception {
        return sender.send(group.parent.mesh, rule, new AlertCommand.Acknowledge());
    }
}
