package org.jphmesh.control;

import picocli.CommandLine;

/** Entry point of {@code jph-control}. */
public final class ControlMain {

    private ControlMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree, with config errors mapped to exit code 2 and a one-line message. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new JphControl());
        // "@@" is the broadcast codifier, not an @-file of arguments.
        cli.setExpandAtFiles(false);
        // "send FG E -1": a negative step is a value, not an option.
        cli.getSubcommands().get("send").setUnmatchedOptionsArePositionalParams(true);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("jph-control: " + e.getMessage());
            return ExitCodes.USAGE;
        });
        return cli;
    }
}
