package org.jphmesh.sensor.line;

import static org.awaitility.Awaitility.await;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A pair of real pseudo-terminals joined by socat, standing in for a device on a serial port: the driver opens
 * {@link #port()}, the test plays the device at the far end. {@link #unplug()} ends socat, so both terminals vanish
 * as a USB adapter's does; {@link #plugIn()} makes a fresh pair under the same names.
 */
public final class PseudoTerminals implements AutoCloseable {

    private static final String SOCAT = "/usr/bin/socat";

    private final Path port;
    private final Path far;
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private Process socat;
    private OutputStream toDriver;
    private Thread listener;

    public PseudoTerminals(Path dir) {
        this.port = dir.resolve("ttyDEVICE");
        this.far = dir.resolve("ttyFAR");
        plugIn();
    }

    /** The path the driver opens, as {@code Sensor.Port}. */
    public Path port() {
        return port;
    }

    public void plugIn() {
        try {
            socat = new ProcessBuilder(SOCAT, "-d", "-d", "pty,raw,echo=0,link=" + port, "pty,raw,echo=0,link=" + far)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("socat is needed for the serial tests (apt-get install socat)", e);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(port) && Files.exists(far));
        try {
            toDriver = new FileOutputStream(far.toFile());
            InputStream fromDriver = new FileInputStream(far.toFile());
            listener = new Thread(() -> listen(fromDriver), "far-end-listener");
            listener.setDaemon(true);
            listener.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Lines the driver wrote, until the terminal vanishes (read fails with EIO).
    private void listen(InputStream in) {
        StringBuilder line = new StringBuilder();
        try (in) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    heard.add(line.toString());
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        } catch (IOException gone) {
            // The terminal vanished: unplugged.
        }
    }

    /** What the driver wrote to the device, line by line. */
    public List<String> heard() {
        return heard;
    }

    /** The device prints {@code text} as it is (add the end of line yourself). */
    public void print(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    public void write(byte[] bytes) {
        try {
            toDriver.write(bytes);
            toDriver.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends socat: both terminals vanish, as when a USB adapter is pulled. */
    public void unplug() {
        try {
            toDriver.close();
        } catch (IOException ignored) {
            // Closing a vanished terminal says nothing.
        }
        socat.destroy();
        await().atMost(Duration.ofSeconds(10)).until(() -> !socat.isAlive() && !listener.isAlive());
    }

    @Override
    public void close() {
        if (socat.isAlive()) {
            unplug();
        }
    }
}
