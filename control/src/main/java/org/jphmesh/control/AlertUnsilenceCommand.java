package org.jphmesh.control;

import java.util.concurrent.Callable;
import org.jphmesh.app.alerts.AlertCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jph-control alert unsilence W1}: lifts a silence and an acknowledgement. */
@Command(name = "unsilence", mixinStandardHelpOptions = true,
        description = "Lift a rule's silence and acknowledgement (A -1 to the rule).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the rule's alerts node confirmed", "1:no confirmation in time", "2:usage or config error"})
final class AlertUnsilenceCommand implements Callable<Integer> {

    @ParentCommand
    AlertGroupCommand group;

    @Mixin
    AlertSender sender;

    @Parameters(index = "0", paramLabel = "RULE", description = "the rule's codifier, e.g. W1")
    String rule;

    @Override
    public Integer call() throws Exception {
        return sender.send(group.parent.mesh, rule, new AlertCommand.Lift());
    }
}
