package org.jphmesh.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.node.StopReason;
import org.jphmesh.bus.transport.NetworkNotReadyException;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

class NodeProcessTest {

    private static final Duration NEVER = Duration.ofHours(1);

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
    void a_node_stopped_because_its_program_failed_makes_the_process_exit_1_so_the_unit_restarts_it() {
        AtomicInteger closed = new AtomicInteger();
        List<CompletableFuture<StopReason>> stops = List.of(CompletableFuture.completedFuture(StopReason.FAILED));

        assertThat(NodeProcess.await(stops, closed::incrementAndGet, "test-stop")).isEqualTo(NodeProcess.FAILED).isEqualTo(1);
        assertThat(closed).hasValue(1);
    }

    @Test
    void nodes_that_stop_cleanly_make_the_process_exit_0() {
        AtomicInteger closed = new AtomicInteger();

        assertThat(NodeProcess.await(List.of(CompletableFuture.completedFuture(StopReason.CLOSED)),
                closed::incrementAndGet, "test-stop")).isZero();
        assertThat(closed).hasValue(1);
    }

    @Test
    void a_stop_signal_closes_the_running_program_once_and_exits_0_without_halting_the_jvm() {
        AtomicInteger closed = new AtomicInteger();
        List<Integer> halts = new CopyOnWriteArrayList<>();
        CompletableFuture<StopReason> running = new CompletableFuture<>();

        int exitCode = NodeProcess.await(List.of(running), CompletableFuture.completedFuture("TERM"), closed::incrementAndGet,
                "test-stop", NEVER, halts::add);

        assertThat(exitCode).isZero();
        assertThat(closed).hasValue(1);
        assertThat(halts).as("halting would skip the other shutdown hooks").isEmpty();
    }

    @Test
    void a_stop_signal_after_a_node_was_replaced_still_exits_3() {
        List<CompletableFuture<StopReason>> stops = List.of(CompletableFuture.completedFuture(StopReason.DUPLICATE_INSTANCE),
                new CompletableFuture<>());

        assertThat(NodeProcess.await(stops, CompletableFuture.completedFuture("INT"), () -> { }, "test-stop", NEVER,
                code -> { })).isEqualTo(NodeProcess.REPLACED);
    }

    @Test
    void a_close_that_hangs_past_the_grace_is_ended_by_the_watchdog_with_the_exit_code() {
        CountDownLatch ended = new CountDownLatch(1);
        List<Integer> halts = new CopyOnWriteArrayList<>();
        Runnable hangingClose = () -> {
            try {
                ended.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };

        // The stand-in for Runtime.halt records the code and lets the hanging close return, as the end of the JVM would.
        int exitCode = NodeProcess.await(List.of(new CompletableFuture<>()), CompletableFuture.completedFuture("TERM"),
                hangingClose, "test-stop", Duration.ofMillis(50), code -> {
                    halts.add(code);
                    ended.countDown();
                });

        assertThat(halts).containsExactly(0);
        assertThat(exitCode).isZero();
    }

    @Test
    void stop_signals_are_handed_to_the_program_and_given_back_afterwards() throws Exception {
        CompletableFuture<String> heard = new CompletableFuture<>();
        StopSignals signals = StopSignals.install(heard::complete);
        try {
            // Checked first: raised without the program's handler, TERM would end this test JVM.
            assertThat(signals.handles("TERM")).isTrue();
            Signal.raise(new Signal("TERM"));

            assertThat(heard.get(10, TimeUnit.SECONDS)).isEqualTo("TERM");
        } finally {
            signals.restore();
        }
    }
}
