package org.jphmesh.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SqlMainTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SqlMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new String[] {String.valueOf(cli.execute(args)), out.toString(), err.toString()};
    }

    @Test
    void no_command_is_a_usage_error_that_lists_the_commands() {
        String[] result = run();
        assertThat(result[0]).isEqualTo("2");
        assertThat(result[2]).contains("name a command: migrate, user, report, import-legacy, legacy-views or retention");
    }

    @Test
    void a_url_that_is_not_postgresql_is_refused_with_what_it_must_look_like() {
        String[] result = run("migrate", "--url", "jdbc:mysql://127.0.0.1/x");
        assertThat(result[0]).isEqualTo("2");
        assertThat(result[2]).contains("must start with jdbc:postgresql://");
    }

    @Test
    void without_a_url_the_database_comes_from_the_config_and_a_missing_config_is_named() {
        String[] result = run("migrate", "-u", "/nonexistent/config.json");
        assertThat(result[0]).isEqualTo("2");
        assertThat(result[2]).contains("/nonexistent/config.json does not exist");
    }
}
