package org.jphmesh.control;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.jphmesh.app.alerts.AlertCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jph-control alert silence W1 3600}: no notifications from the rule for that many seconds. */
@Command(name = "silence", mixinStandardHelpOptions = true,
        description = "Silence a rule for SECONDS: no notifications, while its state is still computed and sent"
                + " (A SECONDS to the rule).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the rule's alerts node confirmed", "1:no confirmation in time", "2:usage or config error"})
final class AlertSilenceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    AlertGroupCommand group;

    @Mixin
    AlertSender sender;

    @Parameters(index = "0", paramLabel = "RULE", description = "the rule's codifier, e.g. W1")
    String rule;

    @Parameters(index = "1", paramLabel = "SECONDS", description = "how long, in whole seconds (3600 for an hour)")
    String seconds;

    @Override
    public Integer call() throws Exception {
        long period;
        try {
            period = Long.parseLong(seconds.trim());
        } catch (NumberFormatException e) {
            period = 0;
        }
        if (period < 1 || period > AlertCommand.Silence.MAX_SECONDS) {
            throw new ParameterException(spec.commandLine(), "SECONDS must be a whole number of seconds from 1 to "
                    + AlertCommand.Silence.MAX_SECONDS + " (3600 for an hour), not '" + seconds + "'");
        }
        return sender.send(group.parent.mesh, rule, new AlertCommand.Silence(Duration.ofSeconds(period)));
    }
}
