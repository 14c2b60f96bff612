package org.jphmesh.bus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Config files for tests: a private pair of multicast groups on {@code lo} with TTL 0, so tests never
 * hear each other, never hear a demo, and never send a datagram off this machine. Loss repair is off, as
 * in a config file that does not mention it, unless {@link #withResend} turns it on.
 */
public final class TestMesh {

    private final String controlGroup;
    private final int controlPort;
    private final String dataGroup;
    private final int dataPort;
    private final String interfaceName;
    private final int ttl;
    private final boolean resend;

    private TestMesh(String controlGroup, int controlPort, String dataGroup, int dataPort, String interfaceName, int ttl,
                     boolean resend) {
        this.controlGroup = controlGroup;
        this.controlPort = controlPort;
        this.dataGroup = dataGroup;
        this.dataPort = dataPort;
        this.interfaceName = interfaceName;
        this.ttl = ttl;
        this.resend = resend;
    }

    /** Fresh groups in the organisation-local 239.255/16 range and free ports. */
    public static TestMesh fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int a = random.nextInt(1, 255);
        int b = random.nextInt(1, 254);
        return new TestMesh("239.255." + a + "." + b, freePort(), "239.255." + a + "." + (b + 1), freePort(), "lo", 0,
                false);
    }

    /** The same groups with loss repair ({@code Multicast.Resend}) on or off; off is the default. */
    public TestMesh withResend(boolean on) {
        return new TestMesh(controlGroup, controlPort, dataGroup, dataPort, interfaceName, ttl, on);
    }

    /**
     * The same groups on another interface with another TTL: for tests that build a private link of their own
     * (a veth pair) and allow it in {@code jph.multicast.allowed-interfaces}. Never a real network's interface.
     */
    public TestMesh onInterface(String name, int hops) {
        return new TestMesh(controlGroup, controlPort, dataGroup, dataPort, name, hops, resend);
    }

    /** The {@code "Multicast"} section as JSON. */
    public String multicastJson() {
        return "{\"Control-Channel\":{\"Address\":\"" + controlGroup + "\",\"Port\":" + controlPort + "},"
                + "\"Data-Channel\":{\"Address\":\"" + dataGroup + "\",\"Port\":" + dataPort + "},"
                + "\"Interface\":\"" + interfaceName + "\",\"TTL\":" + ttl + (resend ? ",\"Resend\":true" : "") + "}";
    }

    /** A whole config.json with these buses and the given entries (a JSON list body, without brackets). */
    public String configJson(String sensorEntries) {
        return "{\"Multicast\":" + multicastJson() + ",\"Sensors\":[" + sensorEntries + "]}";
    }

    /** Writes {@link #configJson} to {@code dir/config.json} and returns its path. */
    public Path writeConfig(Path dir, String sensorEntries) {
        Path file = dir.resolve("config.json");
        try {
            Files.writeString(file, configJson(sensorEntries), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public String controlGroup() {
        return controlGroup;
    }

    public int controlPort() {
        return controlPort;
    }

    public String dataGroup() {
        return dataGroup;
    }

    public int dataPort() {
        return dataPort;
    }

    /** A sensor entry with short intervals, for tests. */
    public static String entry(String codifier, String type, double intervalSeconds, double keepAliveSeconds,
                               String extra) {
        return "{\"Codifier\":\"" + codifier + "\",\"ShortName\":\"" + codifier + " test\",\"Name\":\"" + codifier
                + " test node\",\"Symbol\":\"C\",\"KeepAliveInterval\":" + keepAliveSeconds + ",\"SensorInterval\":"
                + intervalSeconds + ",\"TimeoutWarning\":" + keepAliveSeconds + ",\"Active\":true,\"DataType\":\"float\","
                + "\"Type\":\"" + type + "\"" + (extra == null || extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static int freePort() {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
