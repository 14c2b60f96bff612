package org.jphmesh.sensor.filedrop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.Entries;
import org.jphmesh.sensor.driver.Reading;
import org.jphmesh.sensor.driver.RecordingDriverContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FileDrop on a real folder of the test's own, fed by another process as an agent would feed it. */
class FileDropDriverIT {

    private static final Codifier F1 = Codifier.of("F1");
    private static final Codifier F2 = Codifier.of("F2");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final RecordingDriverContext context = new RecordingDriverContext("F1");
    private FileDropDriver driver;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private Path drop() {
        return dir.resolve("drop");
    }

    private void start() {
        MeshConfig config = Entries.config("{\"Codifier\":\"F1\",\"Type\":\"FileDrop\",\"Control\":\"enabled\",\"Sensor\":{"
                + "\"Folder\":\"" + drop() + "\",\"Output\":\"" + dir.resolve("command.json") + "\","
                + "\"Proxy\":[{\"Codifier\":\"F2\"}]}}",
                "{\"Codifier\":\"F2\",\"Type\":\"Proxy\",\"Sensor\":{\"Codifier\":\"F1\"}}");
        driver = new FileDropDriver(Entries.entry(config, "F1"), config);
        driver.start(context);
        await().atMost(WAIT).until(driver::isWatching);
    }

    private List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void a_thousand_files_written_by_another_process_become_a_thousand_readings_in_order() throws Exception {
        start();
        // The agent's way, as docs/sensors.md shows it: write under a dot name, then rename into place.
        String script = "i=1; while [ $i -le 1000 ]; do n=$(printf %05d $i); printf '{\"F1\": %d}' $i > \"$0/.$n.tmp\";"
                + " mv \"$0/.$n.tmp\" \"$0/$n.json\"; i=$((i+1)); done";
        Process agent = new ProcessBuilder("sh", "-c", script, drop().toString()).redirectErrorStream(true).start();

        await().atMost(Duration.ofSeconds(120)).until(() -> context.published.size() >= 1000);
        assertThat(agent.waitFor()).isZero();
        assertThat(context.published).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 1000).mapToObj(i -> new Reading(F1, Readings.of((double) i))).toList());
        assertThat(names(drop().resolve("done"))).hasSize(1000);
        assertThat(names(drop().resolve("failed"))).isEmpty();
        assertThat(names(drop())).containsExactly("done", "failed");
    }

    @Test
    void files_waiting_before_the_start_are_read_at_start_in_the_order_of_their_names() throws Exception {
        Files.createDirectories(drop());
        Files.writeString(drop().resolve("b.json"), "[{\"F1\": 2}, {\"F2\": true}]");
        Files.writeString(drop().resolve("a.json"), "{\"F1\": 21.5, \"F2\": \"open\"}");
        Files.writeString(drop().resolve("c.json.tmp"), "{\"F1\": 9}");

        start();

        await().atMost(WAIT).until(() -> context.published.size() == 4);
        assertThat(context.published).containsExactly(new Reading(F1, Readings.of(21.5)), new Reading(F2, Readings.text("open")),
                new Reading(F1, Readings.of(2.0)), new Reading(F2, Readings.of(true)));
        assertThat(names(drop().resolve("done"))).containsExactly("a.json", "b.json");
        assertThat(drop().resolve("c.json.tmp")).as("a temporary name is left alone").exists();
    }

    @Test
    void a_malformed_file_lands_in_failed_with_its_reason_and_sends_nothing() throws Exception {
        Files.createDirectories(drop());
        Files.writeString(drop().resolve("stranger.json"), "{\"F1\": 1, \"ZZ\": 2}");
        Path garbled = Files.writeString(drop().resolve("garbled.json"), "{\"F1\": 1,,");
        // A file not JSON and untouched for longer than the settle time is no longer being written.
        Files.setLastModifiedTime(garbled, FileTime.from(Instant.now().minus(FileDropDriver.SETTLE.multipliedBy(2))));

        start();

        await().atMost(WAIT).until(() -> driver.filesFailed() == 2);
        Path failed = drop().resolve("failed");
        assertThat(names(failed)).containsExactly("garbled.json", "garbled.json.reason", "stranger.json", "stranger.json.reason");
        assertThat(Files.readString(failed.resolve("stranger.json.reason")))
                .startsWith("ZZ is neither this node's codifier nor one of its Proxy[]");
        assertThat(Files.readString(failed.resolve("garbled.json.reason"))).startsWith("not JSON");
        assertThat(context.published).isEmpty();
    }

    @Test
    void a_file_half_written_when_the_node_starts_is_not_read_half() throws Exception {
        Files.createDirectories(drop());
        Path file = Files.writeString(drop().resolve("slow.json"), "[{\"F1\": 7},");

        start();
        long passes = driver.passes();
        await().atMost(WAIT).until(() -> driver.passes() >= passes + 2);
        assertThat(context.published).isEmpty();
        assertThat(file).exists();

        Files.writeString(file, " {\"F2\": \"closed\"}]", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        await().atMost(WAIT).until(() -> context.published.size() == 2);
        assertThat(context.published).containsExactly(new Reading(F1, Readings.of(7.0)), new Reading(F2, Readings.text("closed")));
        assertThat(driver.filesFailed()).isZero();
    }

    @Test
    void the_last_command_is_left_in_the_output_file_as_json() throws Exception {
        start();

        driver.onControl(Frame.control(1, 1, Flag.SET, Codifier.of("CK"), F1, 42, true));
        driver.onControl(Frame.control(2, 1, Flag.STEP, Codifier.of("CK"), F2, -0.5, true));

        String last = Files.readString(dir.resolve("command.json"));
        assertThat(last).startsWith("{\"command\":\"E\",\"to\":\"F2\",\"value\":-0.5,\"from\":\"CK\",\"at\":\"");
        assertThat(names(dir)).containsExactly("command.json", "drop");
    }
}
