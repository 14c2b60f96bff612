package org.jphmesh.sql;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code jph-sql}: the database side of the mesh. One class per subcommand. */
@Command(name = "jph-sql", mixinStandardHelpOptions = true, version = "jph-sql 0.1.0",
        description = "Manage the JPH mesh database: schema migrations, dashboard users, reports, the legacy migration, retention.",
        subcommands = {MigrateCommand.class, UserCommand.class, ReportCommand.class, ImportLegacyCommand.class,
                LegacyViewsCommand.class, RetentionCommand.class})
public final class SqlMain implements Runnable {

    @Spec
    CommandSpec spec;

    /** Where passwords are read from when there is no console (a pipe, a test). */
    final BufferedReader input;

    SqlMain(BufferedReader input) {
        this.input = input;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree; errors print one line and exit 2. */
    public static CommandLine commandLine() {
        return commandLine(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    /** The command tree reading passwords from {@code input} when there is no console. */
    public static CommandLine commandLine(BufferedReader input) {
        CommandLine cli = new CommandLine(new SqlMain(input));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("jph-sql: " + e.getMessage());
            return 2;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: migrate, user, report, import-legacy, legacy-views or retention");
    }
}
