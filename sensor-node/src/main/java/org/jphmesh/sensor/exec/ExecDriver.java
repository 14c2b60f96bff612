package org.jphmesh.sensor.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;

/**
 * {@code "Type":"Exec"}: runs {@code Command} (a list of arguments, no shell, or a string run by
 * {@code /bin/sh -c}) and sends the first number its output holds. The command (and what it started) is
 * killed after {@code Timeout} seconds (default 10) or at the node's read deadline, whichever comes first;
 * a non-zero exit is a failed read.
 */
public final class ExecDriver implements Driver {

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private final Codifier codifier;
    private final List<String> command;
    private final Duration timeout;

    public ExecDriver(SensorConfig entry, MeshConfig config) {
        ConfigBlock settings = ConfigBlock.of(entry);
        this.codifier = entry.code();
        var json = settings.json().get("Command");
        if (json == null || json.isNull()) {
            throw new ConfigException(settings.label() + ".Command is missing");
        }
        List<String> parts = new ArrayList<>();
        if (json.isArray()) {
            json.forEach(part -> parts.add(part.asText()));
        } else {
            parts.addAll(List.of("/bin/sh", "-c", json.asText()));
        }
        if (parts.isEmpty() || parts.get(0).isBlank()) {
            throw new ConfigException(settings.label() + ".Command must name a program");
        }
        this.command = List.copyOf(parts);
        this.timeout = settings.seconds("Timeout", Duration.ofSeconds(10));
    }

    @Override
    public ReadResult read() throws IOException, InterruptedException {
        // Output goes to a file, so waiting is interruptible and a chatty command can never block on a full pipe.
        Path output = Files.createTempFile("jph-exec-", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return ReadResult.failed(command.get(0) + " did not finish within " + timeout.toMillis() + " ms");
            }
            int exit = process.exitValue();
            String text = readAtMost(output, 64 * 1024);
            if (exit != 0) {
                return ReadResult.failed(command.get(0) + " exited " + exit + ": " + text.strip());
            }
            Matcher number = NUMBER.matcher(text);
            if (!number.find()) {
                return ReadResult.failed(command.get(0) + " printed no number: " + text.strip());
            }
            return ReadResult.good(new Reading(codifier, Readings.of(Double.parseDouble(number.group()))));
        } finally {
            // Also on interrupt at the node's read deadline: no command outlives its read.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }

    private static String readAtMost(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(limit), StandardCharsets.UTF_8);
        }
    }
}
