package org.jphmesh.control;

import java.util.Set;
import java.util.concurrent.Callable;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jph-control send Q1 H}: one control command to a node or {@code @@}. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send a command: S start, H halt, C reload, P ping, A set (needs VALUE), E step (needs VALUE).")
final class SendCommand implements Callable<Integer> {

    private static final Set<Flag> COMMANDS = Set.of(Flag.START, Flag.HALT, Flag.RELOAD, Flag.PING, Flag.SET, Flag.STEP);

    @Spec
    CommandSpec spec;

    @ParentCommand
    JphControl parent;

    @Parameters(index = "0", paramLabel = "CODIFIER", description = "the node, or @@ for all")
    String target;

    @Parameters(index = "1", paramLabel = "FLAG", description = "S, H, C, P, A or E")
    String flagLetter;

    @Parameters(index = "2", arity = "0..1", paramLabel = "VALUE", description = "the set-point (A) or step (E)")
    Double value;

    @Override
    public Integer call() {
        Codifier to;
        Flag flag;
        try {
            to = Codifier.of(target);
            flag = Flag.fromLetter(flagLetter);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!COMMANDS.contains(flag)) {
            throw new ParameterException(spec.commandLine(), "FLAG must be one of S H C P A E, not " + flagLetter);
        }
        boolean needsValue = flag == Flag.SET || flag == Flag.STEP;
        if (needsValue && (value == null || value.isNaN() || value.isInfinite())) {
            throw new ParameterException(spec.commandLine(), flag.letter() + " needs a number: send " + target + " "
                    + flag.letter() + " 60");
        }
        if (!needsValue && value != null) {
            throw new ParameterException(spec.commandLine(), flag.letter() + " takes no value");
        }
        try (Node node = parent.mesh.join(new NodeCallbacks() {
        })) {
            if (needsValue) {
                node.sendControl(flag, to, value);
            } else {
                node.sendControl(flag, to);
            }
        }
        spec.commandLine().getOut().printf("sent %c to %s%s%n", flag.letter(), to, needsValue ? " (" + value + ")" : "");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
