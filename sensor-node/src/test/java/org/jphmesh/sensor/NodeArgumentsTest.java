package org.jphmesh.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.cli.ParseException;
import org.junit.jupiter.api.Test;

class NodeArgumentsTest {

    @Test
    void codifiers_come_comma_separated_or_repeated_and_the_config_defaults_to_config_json() throws Exception {
        NodeArguments arguments = NodeArguments.parse("-c", "G1,W1", "--code", "D1", "-I", "lo");

        assertThat(arguments.codes()).isEqualTo(List.of("G1", "W1", "D1"));
        assertThat(arguments.config()).isEqualTo("config.json");
        assertThat(arguments.interfaceName()).isEqualTo("lo");
        assertThat(arguments.listRunnable()).isFalse();
        assertThat(NodeArguments.parse("--runnable", "-u", "http://127.0.0.1:1/c.json").config())
                .isEqualTo("http://127.0.0.1:1/c.json");
    }

    @Test
    void an_unknown_option_a_missing_value_and_a_stray_word_are_usage_errors_that_say_so() {
        assertThatThrownBy(() -> NodeArguments.parse("-x")).isInstanceOf(ParseException.class).hasMessageContaining("-x");
        assertThatThrownBy(() -> NodeArguments.parse("-c")).isInstanceOf(ParseException.class).hasMessageContaining("c");
        assertThatThrownBy(() -> NodeArguments.parse("-c", "G1", "W1")).isInstanceOf(ParseException.class)
                .hasMessage("unexpected argument W1: the codifier goes after -c");
    }

    @Test
    void help_lists_every_option_and_the_exit_codes() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        NodeArguments.printHelp(new PrintStream(text, true, StandardCharsets.UTF_8));

        assertThat(text.toString(StandardCharsets.UTF_8)).contains("--code", "--config", "--interface", "--runnable",
                "--help", "--version", "Exit codes: 0 clean stop, 2 usage or config error, 3 replaced", "4 the network not ready");
    }

    @Test
    void a_usage_error_and_a_missing_codifier_exit_2_and_help_and_version_exit_0() {
        assertThat(NodeMain.run("--bogus")).isEqualTo(2);
        assertThat(NodeMain.run("-u", "config.json")).isEqualTo(2);
        assertThat(NodeMain.run("--help")).isZero();
        assertThat(NodeMain.run("--version")).isZero();
    }
}
