package org.jphmesh.bus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Config from an http URL, served by a real HTTP server on 127.0.0.1. */
class ConfigSourceTest {

    private HttpServer server;
    private String base;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/config.json", exchange -> {
            byte[] body = "{\"Sensors\":[{\"Codifier\":\"C1\",\"Type\":\"TempLinux\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void a_config_loads_from_an_http_url() {
        MeshConfig config = ConfigLoader.load(base + "/config.json");
        assertThat(config.sensors()).singleElement().extracting(SensorConfig::codifier).isEqualTo("C1");
    }

    @Test
    void a_url_that_answers_an_error_status_says_so() {
        assertThatThrownBy(() -> ConfigLoader.load(base + "/missing.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config URL " + base + "/missing.json answered HTTP 404");
    }
}
