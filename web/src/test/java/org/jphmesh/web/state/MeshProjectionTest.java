package org.jphmesh.web.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jphmesh.web.state.StateFixtures.G1;
import static org.jphmesh.web.state.StateFixtures.P1;
import static org.jphmesh.web.state.StateFixtures.Q1;
import static org.jphmesh.web.state.StateFixtures.START;
import static org.jphmesh.web.state.StateFixtures.W1;

import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.sequence.SequenceAccounting;
import org.jphmesh.bus.testing.TestClock;
import org.junit.jupiter.api.Test;

class MeshProjectionTest {

    private final TestClock clock = new TestClock(START);
    private final TrackedCodifiers tracked = new TrackedCodifiers();
    private final SequenceAccounting accounting = new SequenceAccounting();
    private final ConfiguredMesh mesh = new ConfiguredMesh(StateFixtures.CONFIG);
    private final MeshProjection projection = new MeshProjection(clock, tracked, () -> mesh, () -> accounting);

    @Test
    void a_reading_is_ok_within_its_timeout_stale_after_it_and_down_once_its_node_is_silent() {
        tracked.track(G1).reading(21.5, null, START, 7);

        assertThat(projection.view(G1).status()).isEqualTo(SensorStatus.OK);
        clock.advance(30_000);
        assertThat(projection.view(G1).status()).isEqualTo(SensorStatus.OK);
        clock.advance(1);
        assertThat(projection.view(G1).status()).isEqualTo(SensorStatus.STALE);
        clock.set(START + 60_000 + SensorStatus.DOWN_GRACE_MILLIS + 1);
        assertThat(projection.view(G1).status()).isEqualTo(SensorStatus.DOWN);
    }

    @Test
    void a_proxy_takes_its_liveness_from_its_node() {
        tracked.track(P1).reading(3.0, null, START, 1);
        tracked.track(G1).alive(START, false);

        SensorView proxy = projection.view(P1);

        assertThat(proxy.node()).isEqualTo("G1");
        assertThat(proxy.status()).isEqualTo(SensorStatus.HALTED);
        assertThat(proxy.keepAliveMs()).isEqualTo(60_000);
    }

    @Test
    void a_program_without_readings_is_no_sensor_and_a_node_that_is_never_stale() {
        tracked.track(W1).alive(START, true);
        clock.advance(31_000);

        assertThat(projection.sensors()).extracting(SensorView::code).containsExactly("G1", "P1");
        assertThat(projection.view(W1).status()).isEqualTo(SensorStatus.STALE);
        assertThat(projection.node(W1).status()).isEqualTo(SensorStatus.OK);
    }

    @Test
    void a_tool_heard_once_is_seen_not_down_while_a_silent_node_is_down_and_programs_are_marked() {
        Codifier tool = Codifier.of("JC");
        tracked.track(tool).alive(START, true);
        tracked.track(G1).alive(START, true);
        clock.set(START + 600_000);

        assertThat(projection.node(tool).status()).isEqualTo(SensorStatus.SEEN);
        assertThat(projection.node(G1).status()).isEqualTo(SensorStatus.DOWN);
        assertThat(projection.node(W1).program()).isTrue();
        assertThat(projection.node(G1).program()).isFalse();
    }

    @Test
    void a_program_that_sends_readings_and_a_codifier_without_entry_are_sensors() {
        tracked.track(Q1).reading(600.0, "{\"value\":600}", START, 1);
        tracked.track(Codifier.of("X9")).reading(1.0, null, START, 1);

        assertThat(projection.sensors()).extracting(SensorView::code).containsExactly("G1", "P1", "Q1", "X9");
        SensorView unknown = projection.sensor(Codifier.of("X9")).orElseThrow();
        assertThat(unknown.type()).isEqualTo("unknown");
        assertThat(unknown.timeoutMs()).isEqualTo(MeshProjection.UNCONFIGURED_MILLIS);
        assertThat(projection.sensor(Codifier.of("X8"))).isEmpty();
    }

    @Test
    void a_node_lists_its_proxies_and_adds_up_their_sequence_figures() {
        for (Frame frame : new Frame[] {Frame.data(1, START, G1, new FloatReading(1)), Frame.data(2, START, G1, new FloatReading(2)),
                Frame.data(1, START, P1, new FloatReading(1)), Frame.data(4, START, P1, new FloatReading(4))}) {
            accounting.observe(frame, START);
        }
        tracked.track(G1).alive(START, true);

        NodeView node = projection.node(G1);

        assertThat(node.proxies()).containsExactly("P1");
        assertThat(node.received()).isEqualTo(4);
        assertThat(node.lost()).isEqualTo(2);
        assertThat(projection.nodes()).extracting(NodeView::code).containsExactly("G1", "Q1", "W1");
    }

    @Test
    void a_nodes_reading_rate_is_per_second_over_the_last_minute() {
        for (int i = 0; i < 120; i++) {
            tracked.track(G1).readings.mark(START + i * 500L);
        }
        clock.set(START + 59_999);

        assertThat(projection.node(G1).readingRate()).isEqualTo(2.0);
    }
}
