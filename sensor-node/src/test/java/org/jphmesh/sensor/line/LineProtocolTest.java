package org.jphmesh.sensor.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.testing.TestClock;
import org.jphmesh.sensor.DriverRegistry;
import org.jphmesh.sensor.Entries;
import org.jphmesh.sensor.driver.Reading;
import org.junit.jupiter.api.Test;

class LineProtocolTest {

    private static final Codifier A1 = Codifier.of("A1");
    private static final Codifier A2 = Codifier.of("A2");
    private static final String PATTERNS = "\"Patterns\":[{\"Match\":\"^T=(-?[0-9.]+) H=(\\\\S+)$\",\"Codifiers\":[\"A1\",\"A2\"]}]";

    private static SensorConfig entry(String type, String sensor) {
        MeshConfig config = Entries.config("{\"Codifier\":\"A1\",\"Type\":\"" + type + "\",\"SensorInterval\":30,"
                + "\"Sensor\":" + sensor + "}", "{\"Codifier\":\"A2\",\"Type\":\"Proxy\",\"Sensor\":{\"Codifier\":\"A1\"}}");
        return Entries.entry(config, "A1");
    }

    private static void refused(String type, String sensor, String message) {
        SensorConfig entry = entry(type, sensor);
        assertThatThrownBy(() -> DriverRegistry.check(entry, null)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void the_issue_example_reads_with_its_defaults() {
        LineProtocol protocol = LineProtocol.read(entry("Serial", "{\"Port\":\"/dev/ttyUSB0\",\"Query\":\"READ?\","
                + PATTERNS + ",\"Write\":{\"A\":\"SET {value}\"},\"Proxy\":[{\"Codifier\":\"A2\"}]}"));

        assertThat(protocol.eol()).isEqualTo("\n");
        assertThat(protocol.query()).contains("READ?");
        assertThat(protocol.queryInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(protocol.heartbeat()).isEqualTo(Duration.ofSeconds(30));
        assertThat(protocol.command(Flag.SET, A1, 42)).contains("SET 42");
        assertThat(protocol.command(Flag.SET, A1, 21.25)).contains("SET 21.25");
        assertThat(protocol.command(Flag.STEP, A1, 1)).isEmpty();
    }

    @Test
    void a_bad_entry_is_refused_naming_its_key() {
        String proxy = ",\"Proxy\":[{\"Codifier\":\"A2\"}]";
        refused("Serial", "{" + PATTERNS + proxy + "}", "Sensors (A1).Sensor.Port is missing");
        refused("Serial", "{\"Port\":\"/dev/x\",\"Baud\":\"fast\"," + PATTERNS + proxy + "}",
                "Sensors (A1).Sensor.Baud must be a number, not \"fast\"");
        refused("Serial", "{\"Port\":\"/dev/x\"}",
                "Sensors (A1).Sensor.Patterns must be a list of at least one {\"Match\": ..., \"Codifiers\": [...]}");
        refused("Serial", "{\"Port\":\"/dev/x\",\"Patterns\":[{\"Match\":\"(\",\"Codifiers\":[\"A1\"]}]}",
                "Sensors (A1).Sensor.Patterns[0].Match is not a regular expression: Unclosed group");
        refused("Serial", "{\"Port\":\"/dev/x\",\"Patterns\":[{\"Match\":\"T=(\\\\d+)\",\"Codifiers\":[\"A1\",\"A2\"]}]" + proxy + "}",
                "Sensors (A1).Sensor.Patterns[0].Codifiers lists 2 codifiers but /T=(\\d+)/ has 1 group");
        refused("Serial", "{\"Port\":\"/dev/x\"," + PATTERNS + "}",
                "Sensors (A1).Sensor.Patterns[0].Codifiers[1] A2 is neither this entry's codifier nor one of its Proxy[]");
        refused("Serial", "{\"Port\":\"/dev/x\",\"Patterns\":[{\"Match\":\"(.*)\",\"Codifier\":[\"A1\"]}]}",
                "Sensors (A1).Sensor.Patterns[0].Codifier is not a key here; the keys are [Codifiers, Match]");
        refused("Serial", "{\"Port\":\"/dev/x\",\"Write\":{\"S\":\"x\"}," + PATTERNS + proxy + "}",
                "Sensors (A1).Sensor.Write.S is not a key here; the keys are [A, E]");
        refused("Serial", "{\"Port\":\"/dev/x\",\"QueryInterval\":0," + PATTERNS + proxy + "}",
                "Sensors (A1).Sensor.QueryInterval must be > 0 seconds, not 0.0");
        refused("TcpLine", "{\"Host\":\"127.0.0.1\"," + PATTERNS + proxy + "}", "Sensors (A1).Sensor.Port is missing");
        refused("TcpLine", "{\"Host\":\"127.0.0.1\",\"Port\":70000," + PATTERNS + proxy + "}",
                "Sensors (A1).Sensor.Port must be a port, 1..65535, not 70000");
    }

    @Test
    void a_group_goes_to_the_codifier_at_its_position_as_a_number_when_it_is_one_else_as_text() {
        LineMapper mapper = new LineMapper(List.of(
                new LinePattern(java.util.regex.Pattern.compile("^T=(-?[0-9.]+) H=(\\S+)$"), List.of(A1, A2)),
                new LinePattern(java.util.regex.Pattern.compile("status (\\w+)( \\d+)?"), java.util.Arrays.asList(null, A1))));

        assertThat(mapper.map("T=-3.5 H=high")).contains(List.of(new Reading(A1, Readings.of(-3.5)),
                new Reading(A2, Readings.text("high"))));
        assertThat(mapper.map("ups status OL 7")).contains(List.of(new Reading(A1, Readings.of(7.0))));
        assertThat(mapper.map("ups status OL")).contains(List.of());
        assertThat(mapper.map("garbage")).isEqualTo(Optional.empty());
    }

    @Test
    void an_unchanged_value_is_sent_again_only_after_the_heartbeat() {
        ChangedValues changed = new ChangedValues(Duration.ofSeconds(60));
        TestClock clock = new TestClock(0);
        Reading warm = new Reading(A1, Readings.of(21.5));

        assertThat(changed.due(List.of(warm), clock)).containsExactly(warm);
        clock.advance(59_000);
        assertThat(changed.due(List.of(warm), clock)).isEmpty();
        Reading warmer = new Reading(A1, Readings.of(22.0));
        assertThat(changed.due(List.of(warmer, new Reading(A2, Readings.of(1.0))), clock)).hasSize(2);
        clock.advance(60_000);
        assertThat(changed.due(List.of(warmer), clock)).containsExactly(warmer);
    }
}
