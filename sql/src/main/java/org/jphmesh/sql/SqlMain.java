package org.jphmesh.sql;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code jph-sql}: the database side of the mesh. One class per subcommand. */
@Command(name = "jph-sql", mixinStandardHelpOptions = true, version = "jph-sql 0.1.0",
        description = "Manage the JPH mesh database: schema migrations.",
        subcommands = {MigrateCommand.class})
public final class SqlMain implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree; errors print one line and exit 2. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SqlMain());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("jph-sql: " + e.getMessage());
            return 2;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: migrate");
    }
}
