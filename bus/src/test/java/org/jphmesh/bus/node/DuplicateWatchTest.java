package org.jphmesh.bus.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.frame.SequenceStart;
import org.jphmesh.bus.testing.TestClock;
import org.junit.jupiter.api.Test;

class DuplicateWatchTest {

    private static final Codifier Q1 = Codifier.of("Q1");
    private static final long OWN_START = 1_800_000_000_000L;
    private final TestClock clock = new TestClock(OWN_START + 60_000);
    private final DuplicateWatch watch = new DuplicateWatch(clock);

    private static InetAddress host(String address) throws Exception {
        return InetAddress.getByName(address);
    }

    private Optional<DuplicateInstance> observe(Frame frame, InetAddress from) {
        return watch.observe(frame, from, OWN_START, 5);
    }

    private Frame control(Flag flag, long sequence, double start) {
        return Frame.control(sequence, clock.millis(), flag, Q1, Codifier.BROADCAST, start, true);
    }

    @Test
    void one_forged_announcement_with_a_newer_start_is_not_evidence() throws Exception {
        assertThat(observe(control(Flag.NEW_SEQUENCE, 77, OWN_START + 30_000), host("10.0.0.9"))).isEmpty();
        clock.advance(60_000);
        assertThat(observe(control(Flag.NEW_SEQUENCE, 91, OWN_START + 90_000), host("10.0.0.9"))).isEmpty();
    }

    @Test
    void a_thousand_forged_announcements_and_alives_with_random_numbers_never_add_up() throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 1_000; i++) {
            clock.advance(10);
            Flag flag = i % 2 == 0 ? Flag.NEW_SEQUENCE : Flag.ALIVE;
            assertThat(observe(control(flag, random.nextLong(Frame.MAX_SEQUENCE), clock.millis()), host("10.0.0.9")))
                    .as("frame %d", i).isEmpty();
        }
    }

    @Test
    void a_legacy_sensor_started_later_elsewhere_is_proven_by_its_announcement_and_counting_readings() throws Exception {
        InetAddress pi = host("10.0.0.7");
        double theirStart = OWN_START + 50_000;
        assertThat(observe(control(Flag.NEW_SEQUENCE, 1_000, theirStart), pi)).isEmpty();
        assertThat(observe(Frame.data(500, clock.millis(), Q1, new SequenceStart(500)), pi)).isEmpty();
        assertThat(observe(Frame.data(501, clock.millis(), Q1, Readings.of(21.5f)), pi)).isEmpty();
        clock.advance(5_000);
        Optional<DuplicateInstance> evidence = observe(Frame.data(502, clock.millis(), Q1, Readings.of(21.6f)), pi);
        assertThat(evidence).isPresent();
        assertThat(evidence.get().newer()).isTrue();
        assertThat(evidence.get().host()).isEqualTo(pi);
        assertThat(evidence.get().frames()).isEqualTo(3);
    }

    @Test
    void a_burst_long_after_a_first_frame_is_not_a_stream_of_three_seconds() throws Exception {
        InetAddress forger = host("10.0.0.9");
        double start = OWN_START + 50_000;
        observe(control(Flag.ALIVE, 7, start), forger);
        clock.advance(5_000);
        assertThat(observe(control(Flag.NEW_SEQUENCE, 1_000, start), forger)).isEmpty();
        assertThat(observe(control(Flag.ALIVE, 1_001, start), forger)).isEmpty();
        assertThat(observe(control(Flag.ALIVE, 1_002, start), forger)).isEmpty();
        assertThat(observe(Frame.data(40, clock.millis(), Q1, new SequenceStart(40)), forger)).isEmpty();
        assertThat(observe(Frame.data(41, clock.millis(), Q1, Readings.of(1f)), forger)).isEmpty();
        assertThat(observe(Frame.data(42, clock.millis(), Q1, Readings.of(1f)), forger)).isEmpty();
    }

    @Test
    void announcements_of_new_data_sequences_do_not_count_as_frames_of_a_stream() throws Exception {
        InetAddress forger = host("10.0.0.9");
        observe(control(Flag.NEW_SEQUENCE, 1_000, OWN_START + 50_000), forger);
        clock.advance(3_000);
        for (int i = 0; i < 10; i++) {
            assertThat(observe(Frame.data(100 * i, clock.millis(), Q1, new SequenceStart(100 * i)), forger)).isEmpty();
        }
    }

    @Test
    void an_older_instance_is_reported_as_older() throws Exception {
        InetAddress pi = host("10.0.0.7");
        observe(control(Flag.NEW_SEQUENCE, 10, OWN_START - 3_600_000), pi);
        observe(control(Flag.ALIVE, 11, OWN_START - 3_600_000), pi);
        clock.advance(3_000);
        assertThat(observe(control(Flag.ALIVE, 12, OWN_START - 3_600_000), pi)).hasValueSatisfying(d ->
                assertThat(d.newer()).isFalse());
    }

    @Test
    void a_stream_without_a_start_time_is_not_evidence_however_long() throws Exception {
        InetAddress pi = host("10.0.0.7");
        for (int i = 0; i < 20; i++) {
            clock.advance(1_000);
            assertThat(observe(Frame.data(100 + i, clock.millis(), Q1, Readings.of((float) i)), pi)).isEmpty();
        }
    }

    @Test
    void memory_is_bounded_when_forgeries_come_from_many_hosts_and_silent_hosts_are_forgotten() throws Exception {
        for (int i = 0; i < 1_000; i++) {
            observe(control(Flag.NEW_SEQUENCE, i, OWN_START + 1), host("10.1." + (i / 250) + "." + (i % 250)));
        }
        assertThat(watch.watched()).isEqualTo(DuplicateWatch.MAX_HOSTS);
        clock.advance(DuplicateWatch.FORGET_MILLIS + 1);
        observe(control(Flag.NEW_SEQUENCE, 1, OWN_START + 1), host("10.2.0.1"));
        assertThat(watch.watched()).isEqualTo(1);
    }
}
