package org.jphmesh.bus.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.transport.NetworkNotReadyException;
import org.junit.jupiter.api.Test;

class NodeProcessTest {

    @Test
    void a_network_that_is_not_ready_exits_4_so_the_unit_retries_and_anything_else_exits_2() {
        NetworkNotReadyException notReady = new NetworkNotReadyException("multicast interface 'wan9' does not exist");

        assertThat(NodeProcess.exitCodeOf(notReady)).isEqualTo(NodeProcess.NETWORK_NOT_READY).isEqualTo(4);
        assertThat(NodeProcess.exitCodeOf(new IllegalStateException("cannot open the bus", notReady))).isEqualTo(4);
        assertThat(NodeProcess.exitCodeOf(new ConfigException("Multicast.TTL must be 0..255, not 300"))).isEqualTo(2);
        assertThat(NodeProcess.exitCodeOf(new IllegalStateException("multicast interface 'wan9' refused"))).isEqualTo(2);
    }

    @Test
    void a_node_replaced_by_a_newer_instance_makes_the_process_exit_3_after_closing_the_program_once() {
        AtomicInteger closed = new AtomicInteger();
        List<CompletableFuture<StopReason>> stops = List.of(CompletableFuture.completedFuture(StopReason.CLOSED),
                CompletableFuture.completedFuture(StopReason.DUPLICATE_INSTANCE));

        assertThat(NodeProcess.await(stops, closed::incrementAndGet, "test-stop")).isEqualTo(NodeProcess.REPLACED);
        assertThat(closed).hasValue(1);
    }

    @Test
    void nodes_that_stop_cleanly_make_the_process_exit_0() {
        AtomicInteger closed = new AtomicInteger();

        assertThat(NodeProcess.await(List.of(CompletableFuture.completedFuture(StopReason.CLOSED)),
                closed::incrementAndGet, "test-stop")).isZero();
        assertThat(closed).hasValue(1);
    }
}
