package org.jphmesh.bus.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void loopback_is_allowed() {
        assertThat(InterfaceGuard.resolve("lo").getName()).isEqualTo("lo");
    }
}
