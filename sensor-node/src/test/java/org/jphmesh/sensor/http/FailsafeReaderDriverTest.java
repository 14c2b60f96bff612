package org.jphmesh.sensor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.Entries;
import org.jphmesh.sensor.driver.DriverUnavailableException;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** failsafeReader against a real HTTP server on 127.0.0.1 serving what the legacy Arduino firmware served. */
class FailsafeReaderDriverTest {

    private HttpServer server;
    private volatile String body = "{\"FlowPerSecond\": 12.5, \"LitersPerSecond\": 0.75, \"Power\": true, \"Mode\": 3,}";

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/X", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private FailsafeReaderDriver driver(String path) {
        MeshConfig config = Entries.config("{\"Codifier\":\"X1\",\"Type\":\"failsafeReader\",\"Sensor\":{"
                + "\"URL\":\"http://127.0.0.1:" + server.getAddress().getPort() + path + "\",\"Field\":\"FlowPerSecond\","
                + "\"Proxy\":[{\"Codifier\":\"X2\",\"Field\":\"LitersPerSecond\"},{\"Codifier\":\"X3\",\"Field\":\"Power\"},"
                + "{\"Codifier\":\"X4\",\"Field\":\"Mode\"}]}}");
        return new FailsafeReaderDriver(Entries.entry(config, "X1"), config);
    }

    @Test
    void each_field_goes_to_its_codifier_despite_a_trailing_comma() throws Exception {
        ReadResult result = driver("/X").read();

        assertThat(result.status()).isEqualTo(ReadResult.Status.GOOD);
        assertThat(result.readings()).containsExactly(
                new Reading(Codifier.of("X1"), Readings.of(12.5)), new Reading(Codifier.of("X2"), Readings.of(0.75)),
                new Reading(Codifier.of("X3"), Readings.of(true)), new Reading(Codifier.of("X4"), Readings.of(3.0)));
    }

    @Test
    void bare_inf_and_nan_from_the_firmware_are_read_as_numbers() throws Exception {
        body = "{\"FlowPerSecond\": inf, \"LitersPerSecond\": nan, \"Power\": -inf, \"Mode\": 1}";

        ReadResult result = driver("/X").read();

        assertThat(result.readings()).contains(new Reading(Codifier.of("X1"), Readings.of(Double.POSITIVE_INFINITY)),
                new Reading(Codifier.of("X3"), Readings.of(Double.NEGATIVE_INFINITY)));
        assertThat(FailsafeReaderDriver.normalize("{\"a\": \"inf\", \"b\":inf}")).isEqualTo("{\"a\": \"inf\", \"b\":Infinity}");
    }

    @Test
    void a_missing_field_is_a_read_with_errors_and_the_others_are_still_sent() throws Exception {
        body = "{\"FlowPerSecond\": 1.5, \"Mode\": 2}";

        ReadResult result = driver("/X").read();

        assertThat(result.status()).isEqualTo(ReadResult.Status.WITH_ERRORS);
        assertThat(result.problem()).contains("LitersPerSecond, Power");
        assertThat(result.readings()).hasSize(2);
    }

    @Test
    void an_error_status_is_a_failed_read() throws Exception {
        assertThat(driver("/missing").read().status()).isEqualTo(ReadResult.Status.FAILED);
    }

    @Test
    void a_host_outside_the_allow_list_is_refused_before_any_connection() {
        MeshConfig config = Entries.config("{\"Codifier\":\"X1\",\"Type\":\"failsafeReader\",\"Sensor\":{"
                + "\"URL\":\"http://192.168.0.8/X\",\"Field\":\"FlowPerSecond\"}}");
        assertThatThrownBy(() -> new FailsafeReaderDriver(Entries.entry(config, "X1"), config))
                .isInstanceOf(DriverUnavailableException.class)
                .hasMessageContaining("host 192.168.0.8 refused");
    }
}
