package org.jphmesh.web.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.jphmesh.app.alerts.AlertStatus;
import org.jphmesh.app.alerts.AlertStatus.State;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.testing.TestClock;
import org.junit.jupiter.api.Test;

class AlertBoardTest {

    private static final long START = 1_700_000_000_000L;

    private final TestClock clock = new TestClock(START);
    private final MeshView view = new MeshView(ConfigLoader.parse("{\"Sensors\":["
            + "{\"Codifier\":\"AL\",\"Type\":\"Alerts\",\"Control\":\"enabled\",\"SensorInterval\":10,\"TimeoutWarning\":25,"
            + "\"Sensor\":{\"Proxy\":[{\"Codifier\":\"R1\",\"Name\":\"Too hot\"},"
            + "{\"Codifier\":\"R2\",\"Severity\":\"critical\"},{\"Codifier\":\"R3\"}]}},"
            + "{\"Codifier\":\"AX\",\"Type\":\"Alerts\",\"Active\":false,\"Sensor\":{\"Proxy\":[{\"Codifier\":\"R9\"}]}},"
            + "{\"Codifier\":\"CF\",\"Type\":\"Web\"}]}", "t"), Codifier.of("CF"), clock);
    private long sequence;

    private void send(String code, String text) {
        view.onFrame(Frame.data(++sequence, clock.millis(), Codifier.of(code), Readings.json(text)));
    }

    private static String state(State state) {
        return new AlertStatus(state, START - 60_000, "seen", "warning", false, 0).toJson();
    }

    @Test
    void rules_are_listed_firing_first_then_pending_then_ok_then_never_heard_with_the_firing_count() {
        send("R1", state(State.OK));
        send("R3", state(State.FIRING));
        send("R9", state(State.PENDING));

        assertThat(view.alerts()).extracting(AlertView::code).containsExactly("R3", "R9", "R1", "R2");
        assertThat(view.firing()).isEqualTo(1);
        AlertView r3 = view.alerts().get(0);
        assertThat(r3.alert().state()).isEqualTo(State.FIRING);
        assertThat(r3.node()).isEqualTo("AL");
        assertThat(r3.controlEnabled()).isTrue();
        assertThat(r3.status()).isEqualTo(SensorStatus.OK);
        assertThat(view.alerts().get(1).controlEnabled()).as("AX has no Control").isFalse();
    }

    @Test
    void a_reading_that_is_no_rules_state_leaves_the_rule_unheard_and_is_not_counted() {
        send("R2", "{\"value\":1}");
        send("R1", "not json");

        assertThat(view.alerts()).allSatisfy(alert -> assertThat(alert.alert()).isNull());
        assertThat(view.firing()).isZero();
    }

    @Test
    void a_rule_is_a_sensor_named_by_its_rule_timed_by_its_alerts_entry_before_it_is_ever_heard() {
        SensorView r1 = view.sensor(Codifier.of("R1")).orElseThrow();

        assertThat(r1.name()).isEqualTo("Too hot");
        assertThat(r1.type()).isEqualTo(MeshProjection.RULE_TYPE);
        assertThat(r1.node()).isEqualTo("AL");
        assertThat(r1.timeoutMs()).isEqualTo(25_000);
        assertThat(r1.status()).isEqualTo(SensorStatus.UNKNOWN);
        assertThat(view.sensors()).extracting(SensorView::code).contains("R1", "R2", "R3")
                .as("the rules of an inactive Alerts entry show once heard").doesNotContain("R9");
        assertThat(view.nodes()).extracting(NodeView::code).doesNotContain("R1");
        assertThat(view.node(Codifier.of("AL")).proxies()).containsExactly("R1", "R2", "R3");

        send("R9", state(State.OK));
        assertThat(view.sensors()).extracting(SensorView::code).contains("R9");
    }
}
