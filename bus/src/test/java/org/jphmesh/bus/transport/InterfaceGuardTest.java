package org.jphmesh.bus.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class InterfaceGuardTest {

    private static final InetSocketAddress GROUP = new InetSocketAddress("226.0.0.221", 7001);

    @Test
    void the_test_suite_runs_with_the_allow_list_set_to_loopback_only() {
        assertThat(System.getProperty(InterfaceGuard.ALLOWED_INTERFACES_PROPERTY)).isEqualTo("lo");
    }

    @Test
    void an_interface_outside_the_allow_list_is_refused_before_any_socket_opens() {
        assertThatThrownBy(() -> InterfaceGuard.resolve("wan9", GROUP))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'wan9' refused")
                .hasMessageContaining("allows only lo");
    }

    @Test
    void without_a_name_the_interface_the_kernel_routes_the_group_through_is_chosen() throws Exception {
        Process ip;
        try {
            ip = new ProcessBuilder("ip", "route", "get", "226.0.0.221").redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            System.out.println("InterfaceGuardTest: `ip` is not installed, so the kernel's answer cannot be compared: " + e);
            Assumptions.abort("no ip command");
            return;
        }
        String answer = new String(ip.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        ip.waitFor();
        java.util.regex.Matcher device = java.util.regex.Pattern.compile(" dev (\\S+)").matcher(answer);
        if (ip.exitValue() != 0 || !device.find()) {
            assertThat(InterfaceGuard.routedInterface(GROUP)).as("no route: " + answer).isEmpty();
        } else {
            assertThat(InterfaceGuard.routedInterface(GROUP)).as(answer).contains(device.group(1));
        }
    }

    @Test
    void an_unnamed_interface_is_refused_when_the_route_leaves_the_allow_list() {
        String allowed = System.getProperty(InterfaceGuard.ALLOWED_INTERFACES_PROPERTY);
        System.setProperty(InterfaceGuard.ALLOWED_INTERFACES_PROPERTY, "nosuch9");
        try {
            // Whatever this machine routes 226.0.0.221 through (or nothing at all), it is not nosuch9.
            assertThatThrownBy(() -> InterfaceGuard.resolve(null, new InetSocketAddress("226.0.0.221", 7001)))
                    .hasMessageContaining("Multicast.Interface is not set")
                    .hasMessageContaining("name one in Multicast.Interface");
        } finally {
            System.setProperty(InterfaceGuard.ALLOWED_INTERFACES_PROPERTY, allowed);
        }
    }

    @Test
    void loopback_is_allowed() {
        assertThat(InterfaceGuard.resolve("lo", GROUP).getName()).isEqualTo("lo");
    }

    @Test
    void a_named_interface_that_is_not_there_yet_is_a_network_not_ready_not_a_config_error() {
        String allowed = System.getProperty(InterfaceGuard.ALLOWED_INTERFACES_PROPERTY);
        System.setProperty(InterfaceGuard.ALLOWED_INTERFACES_PROPERTY, "lo,nosuch9");
        try {
            assertThatThrownBy(() -> InterfaceGuard.resolve("nosuch9", GROUP))
                    .isInstanceOf(NetworkNotReadyException.class)
                    .hasMessage("multicast interface 'nosuch9' does not exist on this host");
        } finally {
            System.setProperty(InterfaceGuard.ALLOWED_INTERFACES_PROPERTY, allowed);
        }
    }

    @Test
    void an_interface_that_is_down_or_has_no_ipv4_address_yet_is_not_ready_and_one_with_both_is() {
        assertThat(InterfaceGuard.notReady(new InterfaceGuard.Candidate("wan9", false, false)))
                .contains("multicast interface 'wan9' is not up yet");
        assertThat(InterfaceGuard.notReady(new InterfaceGuard.Candidate("wan9", true, false)))
                .contains("multicast interface 'wan9' has no IPv4 address yet");
        assertThat(InterfaceGuard.notReady(new InterfaceGuard.Candidate("wan9", true, true))).isEmpty();
    }
}
