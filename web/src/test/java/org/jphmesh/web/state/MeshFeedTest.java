package org.jphmesh.web.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jphmesh.web.state.StateFixtures.Recorder;
import org.junit.jupiter.api.Test;

class MeshFeedTest {

    private final MeshFeed feed = new MeshFeed(new EventLog(10));
    private final Recorder recorder = new Recorder();

    private static SensorView sensor(String code, SensorStatus status) {
        return new SensorView(code, code, code, "", "Simulated", code, false, 1.0, null, 1L, 1L, 1L, true, status, 1, 1, 1L, "", "float", null);
    }

    @Test
    void a_re_evaluation_tells_a_sensor_only_when_its_status_changed() {
        feed.addListener(recorder);

        assertThat(feed.statusChanged(sensor("G1", SensorStatus.OK))).isTrue();
        assertThat(feed.statusChanged(sensor("G1", SensorStatus.OK))).isFalse();
        assertThat(feed.statusChanged(sensor("G1", SensorStatus.DOWN))).isTrue();

        assertThat(recorder.sensors).extracting(SensorView::status).containsExactly(SensorStatus.OK, SensorStatus.DOWN);
    }

    @Test
    void a_change_is_told_even_with_the_same_status_and_counts_as_told() {
        feed.addListener(recorder);

        feed.changed(sensor("G1", SensorStatus.OK));
        feed.changed(sensor("G1", SensorStatus.OK));

        assertThat(recorder.sensors).hasSize(2);
        assertThat(feed.statusChanged(sensor("G1", SensorStatus.OK))).isFalse();
    }

    @Test
    void an_event_goes_to_the_log_and_every_listener() {
        Recorder second = new Recorder();
        feed.addListener(recorder);
        feed.addListener(second);
        MeshEvent event = new MeshEvent(1, MeshEvent.Kind.control, "G1 is active", "G1", null, "I");

        feed.event(event);

        assertThat(feed.events().recent(10, e -> true)).containsExactly(event);
        assertThat(recorder.events).containsExactly(event);
        assertThat(second.events).containsExactly(event);
    }

    @Test
    void a_removed_listener_is_told_nothing() {
        feed.addListener(recorder);
        feed.removeListener(recorder);

        feed.event(new MeshEvent(1, MeshEvent.Kind.control, "x", "G1", null, "I"));
        feed.changed(sensor("G1", SensorStatus.OK));

        assertThat(recorder.events).isEqualTo(List.of());
        assertThat(recorder.sensors).isEmpty();
    }
}
