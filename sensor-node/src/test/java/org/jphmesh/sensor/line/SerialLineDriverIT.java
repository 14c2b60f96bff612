package org.jphmesh.sensor.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.Entries;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;
import org.jphmesh.sensor.driver.RecordingDriverContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Serial type against a real pseudo-terminal pair (socat), the test playing an Arduino at the far end. */
class SerialLineDriverIT {

    private static final Codifier A1 = Codifier.of("A1");
    private static final Codifier A2 = Codifier.of("A2");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final RecordingDriverContext context = new RecordingDriverContext("A1");
    private PseudoTerminals device;
    private LineDriver driver;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
        if (device != null) {
            device.close();
        }
    }

    private void start(String extra) {
        device = new PseudoTerminals(dir);
        MeshConfig config = Entries.config("{\"Codifier\":\"A1\",\"Type\":\"Serial\",\"SensorInterval\":60,\"Control\":\"enabled\","
                + "\"Sensor\":{\"Port\":\"" + device.port() + "\",\"Baud\":9600,"
                + "\"Patterns\":[{\"Match\":\"^T=(-?[0-9.]+) H=([0-9.]+)$\",\"Codifiers\":[\"A1\",\"A2\"]},"
                + "{\"Match\":\"^door (\\\\w+)$\",\"Codifiers\":[\"A2\"]}],"
                + "\"Write\":{\"A\":\"SET {value}\",\"E\":\"STEP {value} {codifier}\"},"
                + "\"Proxy\":[{\"Codifier\":\"A2\"}]" + extra + "}}",
                "{\"Codifier\":\"A2\",\"Type\":\"Proxy\",\"Sensor\":{\"Codifier\":\"A1\"}}");
        driver = LineDriver.serial(Entries.entry(config, "A1"), config);
        driver.start(context);
        await().atMost(WAIT).until(driver::isOpen);
    }

    @Test
    void lines_become_readings_of_the_right_codifiers_and_an_unchanged_value_waits_for_the_heartbeat() {
        start(",\"Heartbeat\":60");

        device.print("T=21.5 H=40\r\n");
        await().atMost(WAIT).until(() -> context.published.size() == 2);
        assertThat(context.published).containsExactly(new Reading(A1, Readings.of(21.5)), new Reading(A2, Readings.of(40.0)));

        device.print("T=21.5 H=41\n");
        device.print("door open\n");
        await().atMost(WAIT).until(() -> context.published.size() == 4);
        assertThat(context.published.subList(2, 4))
                .containsExactly(new Reading(A2, Readings.of(41.0)), new Reading(A2, Readings.text("open")));

        context.clock.advance(60_000);
        device.print("T=21.5 H=41\n");
        await().atMost(WAIT).until(() -> context.published.size() == 6);
        assertThat(driver.read().status()).as("the timer while the port is open").isEqualTo(ReadResult.Status.NO_READING);
    }

    @Test
    void a_query_is_sent_every_query_interval() {
        start(",\"Query\":\"READ?\",\"QueryInterval\":0.2");

        await().atMost(WAIT).until(() -> device.heard().size() >= 3);
        assertThat(device.heard()).allMatch("READ?"::equals);
    }

    @Test
    void a_set_point_and_a_step_are_written_with_their_templates() {
        start("");

        driver.onControl(Frame.control(1, 1, Flag.SET, Codifier.of("CK"), A1, 42, true));
        driver.onControl(Frame.control(2, 1, Flag.STEP, Codifier.of("CK"), A2, -0.5, true));

        await().atMost(WAIT).until(() -> device.heard().size() == 2);
        assertThat(device.heard()).containsExactly("SET 42", "STEP -0.5 A2");
    }

    @Test
    void an_unplugged_device_is_reopened_when_it_comes_back() {
        start("");
        device.print("T=20 H=30\n");
        await().atMost(WAIT).until(() -> context.published.size() == 2);

        device.unplug();
        await().atMost(WAIT).until(() -> !driver.isOpen());
        assertThat(driver.read().status()).isEqualTo(ReadResult.Status.FAILED);
        device.plugIn();

        await().atMost(Duration.ofSeconds(20)).until(driver::isOpen);
        device.print("T=22 H=30\n");
        await().atMost(WAIT).until(() -> context.published.size() == 3);
        assertThat(context.published.get(2)).isEqualTo(new Reading(A1, Readings.of(22.0)));
    }

    @Test
    void garbage_lines_are_counted_and_dropped() {
        start("");

        device.print("hello\nT=abc H=\n\n#boot 1.2\nT=19 H=50\n");

        await().atMost(WAIT).until(() -> context.published.size() == 2);
        assertThat(driver.unmatchedLines()).isEqualTo(4);
        assertThat(context.published).containsExactly(new Reading(A1, Readings.of(19.0)), new Reading(A2, Readings.of(50.0)));
    }

    @Test
    void a_megabyte_without_a_newline_is_held_in_one_bounded_line_and_dropped() {
        start("");
        byte[] megabyte = new byte[1 << 20];
        Arrays.fill(megabyte, (byte) 'x');

        device.write(megabyte);
        await().atMost(WAIT).until(() -> driver.bytesRead() >= megabyte.length);
        assertThat(driver.heldBytes()).isLessThanOrEqualTo(LineDriver.MAX_LINE);
        device.print("\nT=18 H=45\n");

        await().atMost(WAIT).until(() -> context.published.size() == 2);
        assertThat(driver.overLongLines()).isEqualTo(1);
        assertThat(driver.unmatchedLines()).isZero();
        assertThat(context.published.get(0)).isEqualTo(new Reading(A1, Readings.of(18.0)));
    }

    @Test
    void the_timer_says_failed_while_the_port_is_missing() {
        MeshConfig config = Entries.config("{\"Codifier\":\"A1\",\"Type\":\"Serial\",\"Sensor\":{\"Port\":\""
                + dir.resolve("ttyNONE") + "\",\"Patterns\":[{\"Match\":\"(.*)\",\"Codifiers\":[\"A1\"]}]}}");
        driver = LineDriver.serial(Entries.entry(config, "A1"), config);
        driver.start(context);

        await().atMost(WAIT).until(() -> driver.read().status() == ReadResult.Status.FAILED
                && driver.read().problem().contains("ttyNONE"));
        assertThat(List.copyOf(context.published)).isEmpty();
    }
}
