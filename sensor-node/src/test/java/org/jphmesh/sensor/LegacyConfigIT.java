package org.jphmesh.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jphmesh.app.roles.ProgramRoles;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.node.BusListener;
import org.jphmesh.bus.testing.TestMesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every entry of the real legacy config.json, each as its own {@code sensor-node.jar} process. Only
 * network locations are rewritten (the buses onto a private loopback pair, the Arduino URLs onto a
 * local HTTP server); hardware paths stay as they are, so what needs a device this host lacks must
 * exit 2 naming it, and everything else must start and send.
 */
class LegacyConfigIT {

    private static final int PARALLEL = 8;

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private final List<Process> processes = new ArrayList<>();
    private HttpServer arduino;

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        if (arduino != null) {
            arduino.stop(0);
        }
    }

    /** What the entry must do on this host, and a phrase its message must contain when it exits. */
    private record Expectation(boolean runs, String phrase) {
    }

    private static Expectation expect(SensorConfig entry) {
        String type = entry.type();
        if (entry.isProxy()) {
            return new Expectation(false, "is a Proxy entry");
        }
        if (ProgramRoles.isRole(type)) {
            return new Expectation(false, "a program of the mesh, not a sensor");
        }
        return switch (type) {
            case "TempLinux" -> Files.isReadable(Path.of(entry.sensor().get("Pipe").asText()))
                    ? new Expectation(true, null) : new Expectation(false, "which does not exist");
            case "ADCpiReader" -> Files.exists(Path.of("/dev/i2c-1"))
                    ? new Expectation(true, null) : new Expectation(false, "needs I2C bus 1");
            case "fanControl" -> hasPwmChip()
                    ? new Expectation(true, null) : new Expectation(false, "needs hardware PWM");
            case "ADAfruitReader" -> Files.isDirectory(Path.of("/sys/bus/iio/devices"))
                    ? new Expectation(true, null) : new Expectation(false, "needs the kernel DHT driver");
            case "PythonNinja" -> new Expectation(false, "with exec, which this mesh never does");
            case "DwarfpoolReader", "NestReader", "ZwavePower" -> new Expectation(false, "is retired");
            default -> new Expectation(true, null);
        };
    }

    private static boolean hasPwmChip() {
        try (var chips = Files.list(Path.of("/sys/class/pwm"))) {
            return chips.anyMatch(chip -> chip.getFileName().toString().startsWith("pwmchip"));
        } catch (IOException noPwmClass) {
            return false;
        }
    }

    private Path rewrittenLegacyConfig() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root;
        try (InputStream in = LegacyConfigIT.class.getResourceAsStream("/legacy/config.json")) {
            root = (ObjectNode) json.readTree(in);
        }
        root.set("Multicast", json.readTree(mesh.multicastJson()));
        for (JsonNode entry : root.get("Sensors")) {
            JsonNode sensor = entry.get("Sensor");
            if ("failsafeReader".equals(entry.get("Type").asText())) {
                String url = sensor.get("URL").asText();
                ((ObjectNode) sensor).put("URL", "http://127.0.0.1:" + arduino.getAddress().getPort()
                        + url.substring(url.lastIndexOf('/')));
            }
        }
        return Files.writeString(dir.resolve("config.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    private void serveArduino() throws Exception {
        arduino = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        arduino.createContext("/", exchange -> {
            byte[] body = "{\"FlowPerSecond\": 12.5, \"LitersPerSecond\": 0.7, \"Power\": 1, \"Mode\": 2,}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        arduino.start();
    }

    @Test
    void every_legacy_entry_either_starts_and_sends_or_exits_2_naming_what_is_missing() throws Exception {
        serveArduino();
        Path config = rewrittenLegacyConfig();
        MeshConfig loaded = ConfigLoader.load(config.toString());
        assertThat(loaded.sensors()).hasSize(76);
        Set<Codifier> sentData = ConcurrentHashMap.newKeySet();
        Set<Codifier> saidHalted = ConcurrentHashMap.newKeySet();
        Map<String, String> failures = new LinkedHashMap<>();
        List<SensorConfig> running = new ArrayList<>();

        try (BusListener listener = BusListener.open(loaded, "QA", (frame, sender) -> {
            if (frame.channel() == BusChannel.DATA && frame.flag() != Flag.DATA_SEQUENCE) {
                sentData.add(frame.from());
            } else if (frame.flag() == Flag.ALIVE && !frame.control().active()) {
                saidHalted.add(frame.from());
            }
        })) {
            List<SensorConfig> entries = loaded.sensors();
            for (int from = 0; from < entries.size(); from += PARALLEL) {
                List<SensorConfig> batch = entries.subList(from, Math.min(from + PARALLEL, entries.size()));
                Map<SensorConfig, Process> started = new LinkedHashMap<>();
                for (SensorConfig entry : batch) {
                    // Its own home: a controlSensor keeps its set-point under ~/.jph/state, which must not be the real one.
                    Process process = new ProcessBuilder("java", "-Djph.multicast.allowed-interfaces=lo",
                            "-Djph.net.allowed-hosts=127.0.0.1", "-Duser.home=" + dir, "-Xmx48m", "-jar", "target/sensor-node.jar",
                            "-c", entry.codifier(), "-u", config.toString())
                            .redirectErrorStream(true).redirectOutput(dir.resolve(entry.codifier() + ".log").toFile()).start();
                    processes.add(process);
                    started.put(entry, process);
                }
                for (Map.Entry<SensorConfig, Process> item : started.entrySet()) {
                    SensorConfig entry = item.getKey();
                    Expectation expected = expect(entry);
                    Process process = item.getValue();
                    if (expected.runs()) {
                        running.add(entry);
                        continue;
                    }
                    boolean exited = process.waitFor(30, TimeUnit.SECONDS);
                    String log = Files.readString(dir.resolve(entry.codifier() + ".log"));
                    if (!exited || process.exitValue() != 2 || !log.contains(expected.phrase())) {
                        failures.put(entry.codifier() + " " + entry.type(), "exited=" + exited
                                + (exited ? " code=" + process.exitValue() : "") + " log=" + log.strip());
                    }
                }
            }
            for (SensorConfig entry : running) {
                Codifier code = entry.code();
                try {
                    await().atMost(Duration.ofSeconds(30)).until(() -> entry.active() ? sentData.contains(code)
                            : saidHalted.contains(code));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    failures.put(entry.codifier() + " " + entry.type(), "did not send: "
                            + Files.readString(dir.resolve(entry.codifier() + ".log")).strip());
                }
            }
        }

        System.out.printf("legacy config: %d entries, %d started and sent, %d exited 2 as expected%n",
                loaded.sensors().size(), running.size(), loaded.sensors().size() - running.size() - failures.size());
        assertThat(failures).isEmpty();
        assertThat(running).extracting(SensorConfig::type).contains("failsafeReader", "controlSensor");
    }
}
