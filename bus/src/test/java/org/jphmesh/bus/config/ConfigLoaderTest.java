package org.jphmesh.bus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jphmesh.bus.auth.AuthMode;
import org.jphmesh.bus.frame.Codifier;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static String legacyConfig() throws IOException {
        try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("/legacy/config.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void the_legacy_production_config_loads_unchanged_with_all_76_entries() throws IOException {
        MeshConfig config = ConfigLoader.parse(legacyConfig(), "legacy config.json");

        assertThat(config.sensors()).hasSize(76);
        assertThat(config.multicast().control().socketAddress().toString()).contains("226.0.0.221:7001");
        assertThat(config.multicast().data().port()).isEqualTo(7002);
        assertThat(config.multicast().ttl()).isEqualTo(1);
        assertThat(config.warnings()).singleElement().asString().startsWith("Logging:");
    }

    @Test
    void legacy_entries_keep_their_values_and_defaults_fill_what_proxies_leave_out() throws IOException {
        MeshConfig config = ConfigLoader.parse(legacyConfig(), "legacy config.json");

        SensorConfig c1 = config.sensor(Codifier.of("C1")).orElseThrow();
        assertThat(c1.type()).isEqualTo("TempLinux");
        assertThat(c1.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c1.keepAlive()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c1.sensor().get("Pipe").asText()).isEqualTo("/sys/class/thermal/thermal_zone0/temp");

        SensorConfig x2 = config.sensor(Codifier.of("X2")).orElseThrow();
        assertThat(x2.isProxy()).isTrue();
        assertThat(x2.proxyParent()).isEqualTo(Codifier.of("X1"));
        assertThat(x2.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(x2.keepAlive()).isEqualTo(Duration.ofSeconds(60));

        assertThat(config.sensor(Codifier.of("X3")).orElseThrow().dataType()).isEqualTo(DataType.BOOL);
        assertThat(config.sensor(Codifier.of("FG")).orElseThrow().controlEnabled()).isTrue();
        assertThat(config.sensor(Codifier.of("C1")).orElseThrow().controlEnabled()).isFalse();
        assertThat(config.sensor(Codifier.of("M1")).orElseThrow().active()).isFalse();
    }

    @Test
    void proxies_come_from_both_the_parent_list_and_the_proxy_entries() throws IOException {
        MeshConfig config = ConfigLoader.parse(legacyConfig(), "legacy config.json");

        assertThat(config.proxiesOf(Codifier.of("X1"))).containsExactlyInAnyOrder(
                Codifier.of("X2"), Codifier.of("X3"), Codifier.of("X4"));
        assertThat(config.proxiesOf(Codifier.of("PA"))).contains(Codifier.of("PB"), Codifier.of("PL"));
        assertThat(config.proxiesOf(Codifier.of("C1"))).isEmpty();
    }

    @Test
    void a_non_positive_interval_names_the_entry_and_the_key() {
        String json = "{\"Sensors\":[{\"Codifier\":\"C1\",\"Type\":\"TempLinux\"},"
                + "{\"Codifier\":\"X2\",\"Type\":\"Proxy\",\"KeepAliveInterval\":0}]}";
        assertThatThrownBy(() -> ConfigLoader.parse(json, "t"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Sensors[1] (X2).KeepAliveInterval must be > 0 seconds, not 0.0");
    }

    @Test
    void a_value_of_the_wrong_kind_names_the_key_and_what_was_expected() {
        String json = "{\"Sensors\":[{\"Codifier\":\"C1\",\"Type\":\"TempLinux\",\"SensorInterval\":\"often\"}]}";
        assertThatThrownBy(() -> ConfigLoader.parse(json, "t"))
                .hasMessageContaining("Sensors[0] (C1).SensorInterval")
                .hasMessageContaining("often");
    }

    @Test
    void an_unknown_data_type_lists_the_valid_ones() {
        String json = "{\"Sensors\":[{\"Codifier\":\"C1\",\"Type\":\"TempLinux\",\"DataType\":\"double\"}]}";
        assertThatThrownBy(() -> ConfigLoader.parse(json, "t"))
                .hasMessageContaining("Sensors[0] (C1).DataType")
                .hasMessageContaining("float, integer, bool");
    }

    @Test
    void a_duplicate_codifier_names_both_entries() {
        String json = "{\"Sensors\":[{\"Codifier\":\"C1\",\"Type\":\"TempLinux\"},{\"Codifier\":\"C1\",\"Type\":\"Exec\"}]}";
        assertThatThrownBy(() -> ConfigLoader.parse(json, "t"))
                .hasMessage("Sensors[1] (C1).Codifier duplicates Sensors[0]");
    }

    @Test
    void a_bad_codifier_and_a_missing_type_are_named() {
        assertThatThrownBy(() -> ConfigLoader.parse("{\"Sensors\":[{\"Codifier\":\"C12\",\"Type\":\"Exec\"}]}", "t"))
                .hasMessageContaining("Sensors[0].Codifier must be two printable ASCII characters");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"Sensors\":[{\"Codifier\":\"C1\"}]}", "t"))
                .hasMessage("Sensors[0] (C1).Type is missing");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"Sensors\":[{\"Codifier\":\"@@\",\"Type\":\"Exec\"}]}", "t"))
                .hasMessageContaining("reserved for broadcast");
    }

    @Test
    void multicast_errors_name_the_key() {
        String badGroup = "{\"Multicast\":{\"Control-Channel\":{\"Address\":\"10.0.0.1\",\"Port\":7001}},\"Sensors\":[]}";
        assertThatThrownBy(() -> ConfigLoader.parse(badGroup, "t"))
                .hasMessageContaining("Multicast.Control-Channel.Address must be an IPv4 multicast group");
        String badOctet = "{\"Multicast\":{\"Data-Channel\":{\"Address\":\"300.0.0.1\",\"Port\":7002}},\"Sensors\":[]}";
        assertThatThrownBy(() -> ConfigLoader.parse(badOctet, "t"))
                .hasMessageContaining("Multicast.Data-Channel.Address must be an IPv4 multicast group");
        String badTtl = "{\"Multicast\":{\"TTL\":300},\"Sensors\":[]}";
        assertThatThrownBy(() -> ConfigLoader.parse(badTtl, "t")).hasMessage("Multicast.TTL must be 0..255, not 300");
    }

    @Test
    void loss_repair_is_off_unless_the_mesh_turns_it_on_and_a_bad_value_names_the_key() {
        assertThat(ConfigLoader.parse("{\"Sensors\":[]}", "t").multicast().resend()).isFalse();
        MeshConfig on = ConfigLoader.parse("{\"Multicast\":{\"Resend\":true},\"Sensors\":[]}", "t");
        assertThat(on.multicast().resend()).isTrue();
        assertThat(on.warnings()).noneSatisfy(w -> assertThat(w).contains("Resend"));
        assertThatThrownBy(() -> ConfigLoader.parse("{\"Multicast\":{\"Resend\":\"often\"},\"Sensors\":[]}", "t"))
                .hasMessage("Multicast.Resend must be true or false, not \"often\"");
    }

    @Test
    void unknown_types_and_keys_load_and_the_keys_get_a_warning_instead_of_failing() {
        String json = "{\"Sensors\":[{\"Codifier\":\"Z9\",\"Type\":\"FutureThing\",\"Colour\":\"red\"}],\"Extra\":1}";
        MeshConfig config = ConfigLoader.parse(json, "t");
        assertThat(config.sensors()).hasSize(1);
        assertThat(config.warnings()).anySatisfy(w -> assertThat(w).contains("Sensors[0] (Z9).Colour"));
        assertThat(config.warnings()).anySatisfy(w -> assertThat(w).contains("Extra"));
    }

    @Test
    void a_schema_reference_for_editors_loads_without_a_warning() {
        String json = "{\"$schema\":\"./config.schema.json\",\"Sensors\":[{\"Codifier\":\"G1\",\"Type\":\"Simulated\"}]}";
        MeshConfig config = ConfigLoader.parse(json, "t");
        assertThat(config.sensors()).hasSize(1);
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void invalid_json_reports_line_and_column() {
        assertThatThrownBy(() -> ConfigLoader.parse("{\n\"Sensors\": [,]}", "broken.json"))
                .hasMessageStartingWith("broken.json is not valid JSON at line 2");
    }

    @Test
    void a_missing_file_says_which_path_was_tried() {
        assertThatThrownBy(() -> ConfigLoader.load("/nonexistent/jph/config.json"))
                .hasMessageContaining("/nonexistent/jph/config.json does not exist");
    }

    @Test
    void numbers_written_as_text_load_as_in_legacy_files_and_a_fraction_is_refused_where_a_whole_number_belongs() {
        MeshConfig config = ConfigLoader.parse("{\"Multicast\":{\"TTL\":\"0\"},"
                + "\"Sensors\":[{\"Codifier\":\"C1\",\"Type\":\"TempLinux\",\"KeepAliveInterval\":\"30\"}]}", "t");
        assertThat(config.multicast().ttl()).isZero();
        assertThat(config.sensors().get(0).keepAlive()).isEqualTo(Duration.ofSeconds(30));

        assertThatThrownBy(() -> ConfigLoader.parse("{\"Multicast\":{\"Data-Channel\":"
                + "{\"Address\":\"239.1.1.1\",\"Port\":7002.5}},\"Sensors\":[]}", "t"))
                .hasMessage("Multicast.Data-Channel.Port must be a whole number, not 7002.5");
    }

    @Test
    void an_auth_block_with_an_unknown_mode_names_the_key_and_an_unknown_key_is_a_warning() {
        assertThatThrownBy(() -> ConfigLoader.parse("{\"Multicast\":{\"Auth\":{\"Mode\":\"strict\"}},\"Sensors\":[]}", "t"))
                .hasMessage("Multicast.Auth.Mode must be one of off, sign, require, not 'strict'");

        MeshConfig config = ConfigLoader.parse("{\"Multicast\":{\"Auth\":{\"Mode\":\"off\",\"Key\":1}},\"Sensors\":[]}", "t");
        assertThat(config.warnings()).containsExactly("Multicast.Auth.Key is not a key this version knows; ignored");
    }

    @Test
    void a_sensor_block_that_is_not_an_object_is_refused_with_its_key() {
        assertThatThrownBy(() -> ConfigLoader.parse(
                "{\"Sensors\":[{\"Codifier\":\"C1\",\"Type\":\"TempLinux\",\"Sensor\":null}]}", "t"))
                .hasMessage("Sensors[0] (C1).Sensor must be an object");
    }

    @Test
    void the_sensor_block_keeps_every_kind_of_json_value() {
        MeshConfig config = ConfigLoader.parse("{\"Sensors\":[{\"Codifier\":\"C1\",\"Type\":\"Exec\",\"Sensor\":"
                + "{\"Big\":123456789012345678901234567890,\"Long\":12345678901,\"Real\":-1.5e3,\"On\":true,"
                + "\"Off\":false,\"None\":null,\"List\":[1,[\"a\"],{}],\"Text\":\"x\\u00e9\"}}]}", "t");
        assertThat(config.sensors().get(0).sensor().toString()).isEqualTo("{\"Big\":123456789012345678901234567890,"
                + "\"Long\":12345678901,\"Real\":-1500.0,\"On\":true,\"Off\":false,\"None\":null,"
                + "\"List\":[1,[\"a\"],{}],\"Text\":\"x\u00e9\"}");
    }

    @Test
    void every_key_of_the_multicast_section_and_of_an_entry_reaches_its_record() {
        MeshConfig config = ConfigLoader.parse("{\"Multicast\":{"
                + "\"Control-Channel\":{\"Address\":\"239.1.2.3\",\"Port\":1234},"
                + "\"Data-Channel\":{\"Address\":\"239.1.2.4\",\"Port\":1235},\"Interface\":\"lo\",\"TTL\":0,"
                + "\"Loopback\":false,\"ReceiveBufferBytes\":131072,\"Resend\":true,\"Auth\":{\"Mode\":\"off\","
                + "\"Keys\":[{\"Id\":1,\"File\":\"/k/1.key\"},{\"Id\":2,\"Env\":\"K2\"}],\"SigningKey\":2,"
                + "\"ReplayWindowSeconds\":12.5}},\"Sensors\":[{\"Codifier\":\"C1\",\"ShortName\":\"short\",\"Name\":\"long\","
                + "\"Symbol\":\"C\",\"KeepAliveInterval\":11,\"SensorInterval\":12,\"TimeoutWarning\":13,\"Active\":false,"
                + "\"DataType\":\"integer\",\"Type\":\"TempLinux\",\"Control\":\"enabled\",\"Sensor\":{\"Pipe\":\"/p\"}}]}", "t");

        assertThat(config.warnings()).isEmpty();
        assertThat(config.multicast()).isEqualTo(new MulticastConfig(new ChannelConfig("239.1.2.3", 1234),
                new ChannelConfig("239.1.2.4", 1235), "lo", 0, false, 131072,
                new AuthConfig(AuthMode.off, List.of(new AuthConfig.KeySource(1, "/k/1.key", null),
                        new AuthConfig.KeySource(2, null, "K2")), 2, 12.5), true));
        SensorConfig entry = config.sensors().get(0);
        assertThat(entry).usingRecursiveComparison().ignoringFields("sensor").isEqualTo(new SensorConfig("C1", "short",
                "long", "C", 11.0, 12.0, 13.0, false, DataType.INTEGER, "TempLinux", "enabled", null, null));
        assertThat(entry.sensor().get("Pipe").asText()).isEqualTo("/p");
    }

    @Test
    void blank_and_null_text_count_as_absent_and_true_false_1_and_0_as_booleans_as_the_java_loader_always_took() {
        MeshConfig config = ConfigLoader.parse("{\"Multicast\":{\"TTL\":\"\",\"Loopback\":\"False\",\"Resend\":1},"
                + "\"Sensors\":[{\"Codifier\":\"C1\",\"Type\":\"TempLinux\",\"KeepAliveInterval\":\"null\","
                + "\"Active\":\" true \"},{\"Codifier\":\"C2\",\"Type\":\"TempLinux\",\"Active\":0}]}", "t");

        assertThat(config.multicast().ttl()).isEqualTo(1);
        assertThat(config.multicast().loopback()).isFalse();
        assertThat(config.multicast().resend()).isTrue();
        assertThat(config.sensors().get(0).keepAliveInterval()).isEqualTo(SensorConfig.DEFAULT_INTERVAL_SECONDS);
        assertThat(config.sensors().get(0).active()).isTrue();
        assertThat(config.sensors().get(1).active()).isFalse();
        assertThatThrownBy(() -> ConfigLoader.parse("{\"Sensors\":[{\"Codifier\":\"C1\",\"Type\":\"TempLinux\","
                + "\"Active\":\"yes\"}]}", "t")).hasMessage("Sensors[0] (C1).Active must be true or false, not \"yes\"");
    }
}
