package org.jphmesh.sensor.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.Entries;
import org.jphmesh.sensor.driver.DriverUnavailableException;
import org.jphmesh.sensor.driver.Reading;
import org.jphmesh.sensor.driver.RecordingDriverContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TcpLine type against a line device on a loopback port of the test's own (as ser2net or upsd would serve). */
class TcpLineDriverIT {

    private static final Codifier U1 = Codifier.of("U1");
    private static final Codifier U2 = Codifier.of("U2");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RecordingDriverContext context = new RecordingDriverContext("U1");
    private final LinkedBlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private ServerSocket server;
    private Thread acceptor;
    private LineDriver driver;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "device-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        try {
            while (!server.isClosed()) {
                Socket socket = server.accept();
                accepted.add(socket);
                Thread reader = new Thread(() -> hear(socket), "device-reader");
                reader.setDaemon(true);
                reader.start();
            }
        } catch (IOException closed) {
            // The test is over.
        }
    }

    private void hear(Socket socket) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                heard.add(line);
            }
        } catch (IOException closed) {
            // The connection was cut by the test.
        }
    }

    @AfterEach
    void stop() throws IOException {
        if (driver != null) {
            driver.close();
        }
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    private void start(String host) {
        MeshConfig config = Entries.config("{\"Codifier\":\"U1\",\"Type\":\"TcpLine\",\"SensorInterval\":60,\"Control\":\"enabled\","
                + "\"Sensor\":{\"Host\":\"" + host + "\",\"Port\":" + server.getLocalPort() + ",\"Eol\":\"\\r\\n\","
                + "\"Query\":\"GET VAR ups battery.charge\",\"QueryInterval\":0.2,"
                + "\"Patterns\":[{\"Match\":\"^VAR ups battery.charge \\\"([0-9.]+)\\\"$\",\"Codifiers\":[\"U1\"]},"
                + "{\"Match\":\"^VAR ups ups.status \\\"(.*)\\\"$\",\"Codifiers\":[\"U2\"]}],"
                + "\"Write\":{\"A\":\"SET VAR ups input.transfer.low {value}\"},\"Proxy\":[{\"Codifier\":\"U2\"}]}}",
                "{\"Codifier\":\"U2\",\"Type\":\"Proxy\",\"Sensor\":{\"Codifier\":\"U1\"}}");
        driver = LineDriver.tcp(Entries.entry(config, "U1"), config);
        driver.start(context);
    }

    private Socket connection() throws InterruptedException {
        Socket socket = accepted.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(socket).as("the driver connected").isNotNull();
        return socket;
    }

    private static void say(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void answers_become_readings_queries_are_repeated_and_a_set_point_is_written() throws Exception {
        start("127.0.0.1");
        Socket device = connection();

        await().atMost(WAIT).until(() -> heard.stream().filter("GET VAR ups battery.charge"::equals).count() >= 3);
        say(device, "VAR ups battery.charge \"100\"\r\nVAR ups ups.status \"OL\"\r\n");
        await().atMost(WAIT).until(() -> context.published.size() == 2);
        assertThat(context.published).containsExactly(new Reading(U1, Readings.of(100.0)), new Reading(U2, Readings.text("OL")));

        driver.onControl(Frame.control(1, 1, Flag.SET, Codifier.of("CK"), U1, 205, true));
        await().atMost(WAIT).until(() -> heard.contains("SET VAR ups input.transfer.low 205"));
    }

    @Test
    void a_dropped_connection_is_opened_again() throws Exception {
        start("localhost");
        Socket first = connection();
        say(first, "VAR ups battery.charge \"97\"\r\n");
        await().atMost(WAIT).until(() -> context.published.size() == 1);

        first.close();
        Socket second = connection();
        say(second, "VAR ups battery.charge \"96\"\r\n");

        await().atMost(WAIT).until(() -> context.published.size() == 2);
        assertThat(context.published.get(1)).isEqualTo(new Reading(U1, Readings.of(96.0)));
    }

    @Test
    void garbage_and_a_megabyte_without_an_end_of_line_are_counted_and_dropped() throws Exception {
        start("127.0.0.1");
        Socket device = connection();
        byte[] megabyte = new byte[1 << 20];
        Arrays.fill(megabyte, (byte) 'x');

        say(device, "ERR UNKNOWN-COMMAND\r\nBEGIN LIST VAR ups\r\n");
        device.getOutputStream().write(megabyte);
        await().atMost(WAIT).until(() -> driver.bytesRead() >= megabyte.length);
        assertThat(driver.heldBytes()).isLessThanOrEqualTo(LineDriver.MAX_LINE);
        say(device, "\r\nVAR ups battery.charge \"80\"\r\n");

        await().atMost(WAIT).until(() -> context.published.size() == 1);
        assertThat(driver.unmatchedLines()).isEqualTo(2);
        assertThat(driver.overLongLines()).isEqualTo(1);
    }

    @Test
    void a_host_outside_the_allow_list_is_refused_before_anything_is_opened() {
        String allowed = System.getProperty("jph.net.allowed-hosts");
        System.setProperty("jph.net.allowed-hosts", "127.0.0.1");
        try {
            assertThatThrownBy(() -> start("192.0.2.1")).isInstanceOf(DriverUnavailableException.class)
                    .hasMessageContaining("TcpLine (U1): host 192.0.2.1 refused");
        } finally {
            if (allowed == null) {
                System.clearProperty("jph.net.allowed-hosts");
            } else {
                System.setProperty("jph.net.allowed-hosts", allowed);
            }
        }
    }
}
