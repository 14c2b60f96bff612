package org.jphmesh.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebSettingsTest {

    @TempDir
    Path dir;

    private static WebSettings settings(String webBlock) {
        String json = "{\"Sensors\":[{\"Codifier\":\"CF\",\"Type\":\"Web\",\"Sensor\":{\"Web\":" + webBlock + "}}]}";
        SensorConfig entry = ConfigLoader.parse(json, "test").sensor(Codifier.of("CF")).orElseThrow();
        return WebSettings.fromEntry(entry);
    }

    @Test
    void no_block_or_an_empty_one_takes_the_safe_defaults() {
        String legacy = "{\"Sensors\":[{\"Codifier\":\"CF\",\"Type\":\"Flask\",\"Sensor\":{}}]}";
        SensorConfig flask = ConfigLoader.parse(legacy, "test").sensor(Codifier.of("CF")).orElseThrow();

        assertThat(WebSettings.fromEntry(flask)).isEqualTo(WebSettings.defaults());
        assertThat(settings("{}")).isEqualTo(WebSettings.defaults());
        assertThat(settings("null")).isEqualTo(WebSettings.defaults());
        assertThat(WebSettings.defaults().port()).isEqualTo(7070);
        assertThat(WebSettings.defaults().bind()).isEqualTo("127.0.0.1");
        assertThat(WebSettings.defaults().sessionIdleMinutes()).isEqualTo(480);
        assertThat(WebSettings.defaults().anonymousRead()).isFalse();
    }

    @Test
    void every_key_is_read() throws Exception {
        Files.writeString(dir.resolve("index.html"), "<!doctype html>");

        WebSettings settings = settings("{\"Bind\":\"0.0.0.0\",\"Port\":8080,\"AnonymousRead\":true,\"SecureCookies\":true,"
                + "\"TrustProxy\":true,\"StaticDir\":\"" + dir + "\",\"SessionIdleMinutes\":30,\"Diagrams\":\"" + dir + "\"}");

        assertThat(settings).isEqualTo(new WebSettings("0.0.0.0", 8080, true, true, true, dir, 30, dir));
    }

    @Test
    void numbers_and_booleans_written_as_text_are_read_as_the_rest_of_the_config_reads_them() {
        WebSettings settings = settings("{\"Port\":\"7071\",\"SessionIdleMinutes\":\" 60 \",\"AnonymousRead\":\"true\","
                + "\"TrustProxy\":1}");

        assertThat(settings.port()).isEqualTo(7071);
        assertThat(settings.sessionIdleMinutes()).isEqualTo(60);
        assertThat(settings.anonymousRead()).isTrue();
        assertThat(settings.trustProxy()).isTrue();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "SessionIdleMinutes | \"abc\"         | must be a number, not \"abc\"",
            "SessionIdleMinutes | 0             | must be >= 1, not 0",
            "SessionIdleMinutes | 2.5           | must be a whole number",
            "Port               | \"abc\"         | must be a number, not \"abc\"",
            "Port               | 70000         | must be 0..65535",
            "Port               | -1            | must be 0..65535",
            "Port               | [7070]        | must be a number",
            "Bind               | \"my host\"     | must be an address or host name",
            "AnonymousRead      | \"yes\"         | must be true or false",
            "SecureCookies      | 2             | must be true or false",
            "TrustProxy         | \"maybe\"       | must be true or false",
            "StaticDir          | \"/nonexistent\" | has no index.html",
            "StaticDir          | {}            | must be text",
            "Diagrams           | \"/nonexistent\" | /nonexistent is not a folder",
            "Diagrams           | [\"a\"]         | must be text",
    })
    void a_bad_value_is_refused_with_the_key_named_and_never_becomes_the_default(String key, String json, String problem) {
        assertThatThrownBy(() -> settings("{\"" + key + "\":" + json + "}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Sensors (CF).Sensor.Web." + key + " ")
                .hasMessageContaining(problem);
    }

    @Test
    void a_diagrams_folder_starting_with_a_tilde_is_in_the_home_folder() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("diagrams"));
        String home = System.getProperty("user.home");
        System.setProperty("user.home", dir.toString());
        try {
            assertThat(settings("{\"Diagrams\":\"~/diagrams\"}").diagrams()).isEqualTo(folder);
        } finally {
            System.setProperty("user.home", home);
        }
    }

    @Test
    void a_block_that_is_not_an_object_is_refused() {
        assertThatThrownBy(() -> settings("7070"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Sensors (CF).Sensor.Web must be an object");
    }
}
