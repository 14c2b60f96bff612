package org.jphmesh.router.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.junit.jupiter.api.Test;

class RouterSettingsTest {

    private static final String SEGMENT = "{\"Name\":\"house\",\"Interface\":\"eth0\"}";

    private static RouterSettings parse(String sensorBlock) throws Exception {
        SensorConfig entry = new SensorConfig("RT", null, null, null, null, null, null, null, null, "Router", null,
                new ObjectMapper().readTree(sensorBlock), null);
        return RouterSettings.fromEntry(entry);
    }

    @Test
    void a_segment_and_a_unicast_link_are_read_with_their_defaults() throws Exception {
        RouterSettings settings = parse("{\"Links\":[" + SEGMENT
                + ",{\"Name\":\"vpn\",\"Listen\":\"0.0.0.0:17100\",\"Peer\":\"10.8.0.2:17100\"}]}");

        assertThat(settings.hopLimit()).isEqualTo(8);
        assertThat(settings.links()).extracting(LinkSettings::unicast).containsExactly(false, true);
        assertThat(settings.home().name()).isEqualTo("house");
        assertThat(settings.links().get(1).peerAddress().getPort()).isEqualTo(17100);
    }

    @Test
    void a_segment_without_an_interface_is_refused_naming_the_key() {
        assertThatThrownBy(() -> parse("{\"Links\":[" + SEGMENT + ",{\"Name\":\"shed\"}]}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("RT.Sensor.Links[1].Interface");
    }

    @Test
    void a_misspelt_key_is_refused_with_the_keys_that_exist() {
        assertThatThrownBy(() -> parse("{\"Links\":[" + SEGMENT + ",{\"Name\":\"shed\",\"Interfce\":\"eth1\"}]}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Links[1].Interfce")
                .hasMessageContaining("Interface");
    }

    @Test
    void one_link_two_links_with_one_name_and_a_bad_peer_are_refused() {
        assertThatThrownBy(() -> parse("{\"Links\":[" + SEGMENT + "]}")).hasMessageContaining("2 to 16 links");
        assertThatThrownBy(() -> parse("{\"Links\":[" + SEGMENT + "," + SEGMENT + "]}")).hasMessageContaining("used twice");
        assertThatThrownBy(() -> parse("{\"Links\":[" + SEGMENT + ",{\"Name\":\"vpn\",\"Listen\":\"0.0.0.0:1\",\"Peer\":\"host\"}]}"))
                .hasMessageContaining("Links[1].Peer must be host:port");
        assertThatThrownBy(() -> parse("{\"Links\":[" + SEGMENT + "],\"HopLimit\":0}")).isInstanceOf(ConfigException.class);
    }

    @Test
    void a_filter_lets_out_only_the_buses_flags_and_senders_it_names() throws Exception {
        LinkFilter.Compiled filter = parse("{\"Links\":[" + SEGMENT + ",{\"Name\":\"shed\",\"Interface\":\"eth1\","
                + "\"Filter\":{\"Buses\":[\"data\"],\"Flags\":\"fn\",\"Codifiers\":[\"G*\",\"Q1\"],\"ExcludeCodifiers\":[\"G9\"]}}]}")
                .links().get(1).filter().compile("shed.Filter");

        assertThat(filter.allows(Flag.FLOAT, Codifier.of("G1"))).isTrue();
        assertThat(filter.allows(Flag.FLOAT, Codifier.of("Q1"))).isTrue();
        assertThat(filter.allows(Flag.FLOAT, Codifier.of("G9"))).isFalse();
        assertThat(filter.allows(Flag.FLOAT, Codifier.of("Q2"))).isFalse();
        assertThat(filter.allows(Flag.JSON, Codifier.of("G1"))).isFalse();
        assertThat(filter.allows(Flag.HALT, Codifier.of("G1"))).isFalse();
    }

    @Test
    void a_filter_with_an_unknown_bus_or_flag_names_the_key() {
        assertThatThrownBy(() -> parse("{\"Links\":[" + SEGMENT + ",{\"Name\":\"shed\",\"Interface\":\"eth1\","
                + "\"Filter\":{\"Buses\":[\"video\"]}}]}")).hasMessageContaining("Links[1].Filter.Buses");
        assertThatThrownBy(() -> parse("{\"Links\":[" + SEGMENT + ",{\"Name\":\"shed\",\"Interface\":\"eth1\","
                + "\"Filter\":{\"Flags\":\"fZ\"}}]}")).hasMessageContaining("Links[1].Filter.Flags");
    }
}
