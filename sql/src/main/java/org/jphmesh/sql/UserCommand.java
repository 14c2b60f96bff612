package org.jphmesh.sql;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.zaxxer.hikari.HikariDataSource;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.CharBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jphmesh.app.accounts.PasswordRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jph-sql user add|passwd|remove|list}: the dashboard's users. Passwords are bcrypt-hashed (cost 12)
 * and read from the console, or from the first line of standard input when there is none; never from
 * the command line, where every user of the machine could read them.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage dashboard users.")
final class UserCommand implements Callable<Integer> {

    static final int COST = 12;
    private static final List<String> ROLES = List.of("viewer", "operator", "admin");

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @ParentCommand
    SqlMain root;

    @Parameters(index = "0", paramLabel = "ACTION", description = "add, passwd, remove or list")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "EMAIL", description = "the user (not for list)")
    String email;

    @Option(names = "--role", defaultValue = "viewer", description = "viewer, operator or admin (default: ${DEFAULT-VALUE})")
    String role;

    @Override
    public Integer call() throws Exception {
        String verb = action.toLowerCase(Locale.ROOT);
        if (!verb.equals("list") && (email == null || !email.contains("@"))) {
            throw new ParameterException(spec.commandLine(), "user " + verb + " needs the user's email address");
        }
        if (!ROLES.contains(role)) {
            throw new ParameterException(spec.commandLine(), "--role must be viewer, operator or admin, not " + role);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (HikariDataSource pool = database.pool(); Connection connection = pool.getConnection()) {
            switch (verb) {
                case "add" -> {
                    update(connection, "INSERT INTO app_user (email, password_hash, role) VALUES (?, ?, ?)", email,
                            hash(readPassword(true)), role);
                    out.printf("added %s (%s)%n", email, role);
                }
                case "passwd" -> {
                    if (update(connection, "UPDATE app_user SET password_hash = ? WHERE email = ?", hash(readPassword(true)),
                            email) == 0) {
                        throw new ParameterException(spec.commandLine(), "no user " + email);
                    }
                    out.printf("password of %s changed%n", email);
                }
                case "remove" -> {
                    if (update(connection, "DELETE FROM app_user WHERE email = ?", email) == 0) {
                        throw new ParameterException(spec.commandLine(), "no user " + email);
                    }
                    out.printf("removed %s%n", email);
                }
                case "list" -> list(connection, out);
                default -> throw new ParameterException(spec.commandLine(), "ACTION must be add, passwd, remove or list, not "
                        + action);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new ParameterException(spec.commandLine(), "user " + email + " already exists; use passwd");
            }
            throw e;
        }
        return 0;
    }

    private static int update(Connection connection, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static void list(Connection connection, PrintWriter out) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT email, role, created_at FROM app_user ORDER BY email"); ResultSet rows = statement.executeQuery()) {
            out.printf("%-40s %-9s %s%n", "EMAIL", "ROLE", "CREATED");
            while (rows.next()) {
                out.printf("%-40s %-9s %s%n", rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant());
            }
        }
    }

    private char[] readPassword(boolean confirm) throws IOException {
        Console console = System.console();
        char[] password;
        if (console != null) {
            password = console.readPassword("password for %s: ", email);
            if (confirm && !Arrays.equals(password, console.readPassword("again: "))) {
                throw new ParameterException(spec.commandLine(), "the two passwords differ");
            }
        } else {
            String line = root.input.readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password == null) {
            password = new char[0];
        }
        // The dashboard's API applies the same rule: one rule, one message.
        Optional<String> problem = PasswordRule.problem(email, CharBuffer.wrap(password));
        if (problem.isPresent()) {
            Arrays.fill(password, '\0');
            throw new ParameterException(spec.commandLine(), problem.get());
        }
        return password;
    }

    static String hash(char[] password) {
        try {
            return BCrypt.withDefaults().hashToString(COST, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
