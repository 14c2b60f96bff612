package org.jphmesh.bus.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InterfaceGuardTest {

    @Test
    void the_test_suite_runs_with_the_allow_list_set_to_loopback_only() {
        assertThat(System.getProperty(InterfaceGuard.ALLOWED_INTERFACES_PROPERTY)).isEqualTo("lo");
    }

    @Test
    void an_interface_outside_the_allow_list_is_refused_before_any_socket_opens() {
        assertThatThrownBy(() -> InterfaceGuard.resolve("wan9"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'wan9' refused")
                .hasMessageContaining("allows only lo");
    }

    @Test
    void an_unnamed_interface_is_refused_while_the_allow_list_is_set() {
        assertThatThrownBy(() -> InterfaceGuard.resolve(null))
                .hasMessageContaining("no multicast interface configured");
    }

    @Test
    void without_a_name_the_first_real_multicast_interface_with_ipv4_is_chosen() {
        List<InterfaceGuard.Candidate> candidates = List.of(
                new InterfaceGuard.Candidate("lo", true, true, false, false, true),
                new InterfaceGuard.Candidate("docker9", false, false, true, false, true),
                new InterfaceGuard.Candidate("tun9", true, false, true, true, true),
                new InterfaceGuard.Candidate("wan8", true, false, true, false, false),
                new InterfaceGuard.Candidate("wan9", true, false, true, false, true));
        assertThat(InterfaceGuard.chooseDefault(candidates)).contains("wan9");
        assertThat(InterfaceGuard.chooseDefault(candidates.subList(0, 4))).isEmpty();
    }

    @Test
    void loopback_is_allowed() {
        assertThat(InterfaceGuard.resolve("lo").getName()).isEqualTo("lo");
    }

    @Test
    void a_named_interface_that_is_not_there_yet_is_a_network_not_ready_not_a_config_error() {
        String allowed = System.getProperty(InterfaceGuard.ALLOWED_INTERFACES_PROPERTY);
        System.setProperty(InterfaceGuard.ALLOWED_INTERFACES_PROPERTY, "lo,nosuch9");
        try {
            assertThatThrownBy(() -> InterfaceGuard.resolve("nosuch9"))
                    .isInstanceOf(NetworkNotReadyException.class)
                    .hasMessage("multicast interface 'nosuch9' does not exist on this host");
        } finally {
            System.setProperty(InterfaceGuard.ALLOWED_INTERFACES_PROPERTY, allowed);
        }
    }

    @Test
    void an_interface_that_is_down_or_has_no_ipv4_address_yet_is_not_ready_and_one_with_both_is() {
        assertThat(InterfaceGuard.notReady(new InterfaceGuard.Candidate("wan9", false, false, true, false, false)))
                .contains("multicast interface 'wan9' is not up yet");
        assertThat(InterfaceGuard.notReady(new InterfaceGuard.Candidate("wan9", true, false, true, false, false)))
                .contains("multicast interface 'wan9' has no IPv4 address yet");
        assertThat(InterfaceGuard.notReady(new InterfaceGuard.Candidate("wan9", true, false, true, false, true))).isEmpty();
    }
}
