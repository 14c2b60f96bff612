package org.jphmesh.web.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jphmesh.web.state.StateFixtures.G1;
import static org.jphmesh.web.state.StateFixtures.START;
import static org.jphmesh.web.state.StateFixtures.W1;

import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.SequenceStart;
import org.jphmesh.bus.sequence.SequenceAccounting;
import org.jphmesh.bus.testing.TestClock;
import org.jphmesh.web.state.StateFixtures.Recorder;
import org.junit.jupiter.api.Test;

class MeshViewTest {

    private static final Codifier S1 = Codifier.of("S1");

    private final TestClock clock = new TestClock(START);
    private final MeshView view = new MeshView(StateFixtures.CONFIG, W1, clock);

    @Test
    void a_late_or_resent_reading_never_replaces_the_latest_value() {
        MeshView view = new MeshView(ConfigLoader.parse("{\"Sensors\":[{\"Codifier\":\"S1\",\"Type\":\"Simulated\"},"
                + "{\"Codifier\":\"W1\",\"Type\":\"Flask\"}]}", "t"), Codifier.of("W1"), clock);
        SequenceAccounting accounting = new SequenceAccounting();
        view.useAccounting(accounting);

        for (Frame frame : new Frame[] {Frame.data(100, 1000, S1, new SequenceStart(100)),
                Frame.data(103, 1003, S1, new FloatReading(30f)), Frame.data(101, 1001, S1, new FloatReading(10f))}) {
            accounting.observe(frame, frame.timestamp());
            view.onFrame(frame);
        }

        assertThat(view.view(S1).value()).isEqualTo(30.0);
        assertThat(view.view(S1).sequence()).isEqualTo(103);
    }

    @Test
    void a_tick_tells_a_sensor_whose_status_the_clock_changed_once() {
        Recorder recorder = new Recorder();
        view.addListener(recorder);
        view.onFrame(Frame.data(1, 1, G1, new FloatReading(20f)));
        view.tick();
        assertThat(recorder.sensors).extracting(SensorView::status).containsExactly(SensorStatus.OK);

        clock.advance(30_001);
        view.tick();
        view.tick();

        assertThat(recorder.sensors).extracting(SensorView::status).containsExactly(SensorStatus.OK, SensorStatus.STALE);
    }

    @Test
    void the_dashboard_is_an_active_node_from_its_first_tick() {
        view.tick();

        assertThat(view.node(W1).active()).isTrue();
        assertThat(view.node(W1).aliveAt()).isEqualTo(START);
    }

    @Test
    void a_seeded_reading_shows_until_the_bus_brings_a_newer_one() {
        view.seed(G1, new SeededState(7.0, null, START - 5_000, START - 1_000, true));
        assertThat(view.view(G1).value()).isEqualTo(7.0);
        assertThat(view.view(G1).status()).isEqualTo(SensorStatus.OK);

        view.onFrame(Frame.data(1, 1, G1, new FloatReading(8f)));
        view.seed(G1, new SeededState(7.0, null, START - 5_000, START - 1_000, true));

        assertThat(view.view(G1).value()).isEqualTo(8.0);
    }

    @Test
    void a_reload_makes_a_new_entry_known() {
        assertThat(view.entry(S1)).isEmpty();

        view.reload(ConfigLoader.parse("{\"Sensors\":[{\"Codifier\":\"S1\",\"Type\":\"Simulated\"}]}", "t"));

        assertThat(view.entry(S1)).isPresent();
        assertThat(view.sensors()).extracting(SensorView::code).containsExactly("S1");
    }
}
