package org.jphmesh.web.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jphmesh.web.state.StateFixtures.G1;
import static org.jphmesh.web.state.StateFixtures.P1;
import static org.jphmesh.web.state.StateFixtures.Q1;
import static org.jphmesh.web.state.StateFixtures.START;

import org.jphmesh.app.report.CollectorReport;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.JsonReading;
import org.jphmesh.bus.frame.SequenceStart;
import org.jphmesh.bus.sequence.SequenceAccounting;
import org.jphmesh.bus.testing.TestClock;
import org.jphmesh.web.state.StateFixtures.Recorder;
import org.junit.jupiter.api.Test;

class FrameIntakeTest {

    private final TestClock clock = new TestClock(START);
    private final TrackedCodifiers tracked = new TrackedCodifiers();
    private final SequenceAccounting accounting = new SequenceAccounting();
    private final ConfiguredMesh mesh = new ConfiguredMesh(StateFixtures.CONFIG);
    private final MeshFeed feed = new MeshFeed(new EventLog(100));
    private final MeshProjection projection = new MeshProjection(clock, tracked, () -> mesh, () -> accounting);
    private final FrameIntake intake = new FrameIntake(clock, tracked, feed, projection, () -> mesh, () -> accounting);
    private final Recorder recorder = new Recorder();

    FrameIntakeTest() {
        feed.addListener(recorder);
    }

    private void heard(Frame frame) {
        accounting.observe(frame, clock.millis());
        intake.onFrame(frame);
    }

    @Test
    void a_reading_is_the_sensors_latest_at_the_clocks_instant_and_makes_its_node_alive() {
        clock.advance(1_500);
        heard(Frame.data(5, 42, P1, new FloatReading(2.5f)));

        SensorView proxy = projection.view(P1);
        assertThat(proxy.value()).isEqualTo(2.5);
        assertThat(proxy.readingAt()).isEqualTo(START + 1_500);
        assertThat(proxy.aliveAt()).isEqualTo(START + 1_500);
        assertThat(recorder.codes()).containsExactly("P1");
    }

    @Test
    void a_late_reading_is_not_the_latest_and_tells_no_one() {
        heard(Frame.data(100, 1, G1, new SequenceStart(100)));
        heard(Frame.data(103, 2, G1, new FloatReading(30f)));
        heard(Frame.data(101, 3, G1, new FloatReading(10f)));

        assertThat(projection.view(G1).value()).isEqualTo(30.0);
        assertThat(recorder.codes()).containsExactly("G1");
    }

    @Test
    void a_gap_in_a_codifiers_readings_is_an_event() {
        heard(Frame.data(100, 1, G1, new SequenceStart(100)));
        heard(Frame.data(104, 2, G1, new FloatReading(1f)));

        assertThat(recorder.texts()).containsExactly("G1: 3 reading(s) missing before sequence 104");
    }

    @Test
    void a_halt_is_one_event_and_tells_the_node_and_its_proxies() {
        Frame halted = Frame.control(1, 1, Flag.ALIVE, G1, Codifier.BROADCAST, 0, false);

        heard(halted);
        heard(Frame.control(2, 2, Flag.ALIVE, G1, Codifier.BROADCAST, 0, false));

        assertThat(recorder.texts()).containsExactly("G1 is halted");
        assertThat(recorder.codes()).containsExactly("G1", "P1");
        assertThat(projection.view(P1).status()).isEqualTo(SensorStatus.HALTED);
    }

    @Test
    void commands_heard_are_events_worded_for_people() {
        heard(Frame.control(1, 1, Flag.HALT, Codifier.of("CC"), G1, 0, true));

        assertThat(recorder.texts()).containsExactly("CC halted G1");
        assertThat(projection.view(Codifier.of("CC")).aliveAt()).isEqualTo(START);
    }

    @Test
    void a_collectors_outage_and_its_end_are_events() {
        heard(Frame.data(1, 1, Q1, new JsonReading(CollectorReport.of(0).withJournal(1, 9, 0, true, 0, 0, 0).toJson())));
        heard(Frame.data(2, 2, Q1, new JsonReading(CollectorReport.of(0).withJournal(1, 9, 0, true, 0, 0, 0).toJson())));
        heard(Frame.data(3, 3, Q1, new JsonReading(CollectorReport.of(9).withJournal(10, 0, 0, false, 0, 0, 0).toJson())));

        assertThat(recorder.texts()).containsExactly("Q1: the database is unavailable; readings wait in the journal",
                "Q1: storing readings again");
    }

    @Test
    void an_outage_report_from_a_codifier_that_is_no_collector_is_just_a_reading() {
        heard(Frame.data(1, 1, G1, new JsonReading("{\"value\":0,\"outage\":true}")));

        assertThat(recorder.events).isEmpty();
        assertThat(projection.view(G1).text()).isEqualTo("{\"value\":0,\"outage\":true}");
    }

    @Test
    void a_ping_answer_is_the_nodes_round_trip_at_the_clocks_instant() {
        clock.advance(250);

        intake.pinged(G1, 12.5);

        assertThat(projection.node(G1).pingRttMs()).isEqualTo(12.5);
        assertThat(projection.node(G1).pingAt()).isEqualTo(START + 250);
    }
}
