package org.jphmesh.bus.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.SequenceStart;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

    private final SequenceTracker tracker = new SequenceTracker();

    private long[] counts() {
        return tracker.counts();
    }

    @Test
    void an_unbroken_run_counts_no_loss() {
        tracker.restart(100, 1);
        for (long s = 101; s <= 200; s++) {
            assertThat(tracker.observe(s, 1)).isEqualTo(SequenceOutcome.IN_ORDER);
        }
        assertThat(counts()).startsWith(101, 0, 0, 0, 0);
    }

    @Test
    void a_gap_counts_the_missing_frames_as_lost() {
        tracker.restart(10, 1);
        tracker.observe(11, 1);
        assertThat(tracker.observe(15, 1)).isEqualTo(SequenceOutcome.GAP);
        assertThat(counts()[1]).isEqualTo(3);
    }

    @Test
    void a_late_frame_is_reordered_and_no_longer_lost() {
        tracker.restart(10, 1);
        tracker.observe(13, 1);
        assertThat(tracker.observe(12, 1)).isEqualTo(SequenceOutcome.REORDERED);
        assertThat(counts()[1]).isEqualTo(1);
        assertThat(counts()[3]).isEqualTo(1);
    }

    @Test
    void a_late_frame_from_before_the_first_one_heard_never_makes_loss_negative() {
        tracker.observe(500, 1);
        tracker.observe(501, 1);
        assertThat(tracker.observe(498, 1)).isEqualTo(SequenceOutcome.REORDERED);
        assertThat(counts()[1]).isZero();
    }

    @Test
    void a_repeated_frame_is_a_duplicate_whether_newest_or_older() {
        tracker.restart(10, 1);
        tracker.observe(11, 1);
        tracker.observe(12, 1);
        assertThat(tracker.observe(12, 1)).isEqualTo(SequenceOutcome.DUPLICATE);
        assertThat(tracker.observe(11, 1)).isEqualTo(SequenceOutcome.DUPLICATE);
        assertThat(counts()[2]).isEqualTo(2);
        assertThat(counts()[1]).isZero();
    }

    @Test
    void the_sequence_wraps_from_two_to_the_31_minus_one_to_zero_without_loss() {
        tracker.restart(Frame.MAX_SEQUENCE - 1, 1);
        assertThat(tracker.observe(Frame.MAX_SEQUENCE, 1)).isEqualTo(SequenceOutcome.IN_ORDER);
        assertThat(tracker.observe(0, 1)).isEqualTo(SequenceOutcome.IN_ORDER);
        assertThat(tracker.observe(1, 1)).isEqualTo(SequenceOutcome.IN_ORDER);
        assertThat(counts()[1]).isZero();
    }

    @Test
    void an_unannounced_restart_is_confirmed_by_its_second_frame_and_counts_no_loss() {
        tracker.restart(10, 1);
        long restartAt = 10 + SequenceTracker.MAX_GAP + 5;
        assertThat(tracker.observe(restartAt, 1)).isEqualTo(SequenceOutcome.STALE);
        assertThat(tracker.observe(restartAt + 1, 1)).isEqualTo(SequenceOutcome.RESTART);
        assertThat(tracker.observe(restartAt + 2, 1)).isEqualTo(SequenceOutcome.IN_ORDER);
        assertThat(counts()[1]).isZero();
        assertThat(counts()[4]).isEqualTo(1);
    }

    @Test
    void one_stray_old_frame_is_stale_and_does_not_turn_into_phantom_loss() {
        tracker.restart(4000, 1);
        for (long s = 4001; s <= 5000; s++) {
            tracker.observe(s, 1);
        }
        assertThat(tracker.observe(3000, 1)).isEqualTo(SequenceOutcome.STALE);
        assertThat(tracker.observe(5001, 1)).isEqualTo(SequenceOutcome.IN_ORDER);
        assertThat(counts()[1]).isZero();
        assertThat(counts()[4]).isZero();
    }

    @Test
    void duplicates_are_recognised_across_the_whole_window_after_it_slides() {
        tracker.restart(0, 1);
        for (long s = 1; s <= 700; s++) {
            tracker.observe(s, 1);
        }
        tracker.observe(1000, 1);
        assertThat(tracker.observe(700, 1)).isEqualTo(SequenceOutcome.DUPLICATE);
        assertThat(tracker.observe(800, 1)).isEqualTo(SequenceOutcome.REORDERED);
        assertThat(counts()[1]).isEqualTo(298);
    }

    @Test
    void accounting_keeps_one_stream_per_codifier_and_bus_and_restarts_on_announcements() {
        SequenceAccounting accounting = new SequenceAccounting();
        Codifier x1 = Codifier.of("X1");
        Codifier x2 = Codifier.of("X2");
        accounting.observe(Frame.data(50, 1, x1, new SequenceStart(50)), 1);
        accounting.observe(Frame.data(51, 1, x1, new FloatReading(1)), 1);
        accounting.observe(Frame.data(900, 1, x2, new SequenceStart(900)), 1);
        accounting.observe(Frame.data(903, 1, x2, new FloatReading(1)), 1);
        accounting.observe(Frame.control(7, 1, Flag.NEW_SEQUENCE, x1, Codifier.BROADCAST, 0, true), 1);
        accounting.observe(Frame.control(3, 1, Flag.NEW_SEQUENCE, x1, Codifier.BROADCAST, 0, true), 1);

        assertThat(accounting.stats(x1, BusChannel.DATA).orElseThrow().lost()).isZero();
        assertThat(accounting.stats(x2, BusChannel.DATA).orElseThrow().lost()).isEqualTo(2);
        assertThat(accounting.stats(x1, BusChannel.CONTROL).orElseThrow().restarts()).isEqualTo(1);
        assertThat(accounting.snapshot()).hasSize(3);
    }

    @Test
    void a_skipped_number_is_missing_until_it_arrives_late() {
        tracker.restart(10, 1);
        tracker.observe(11, 1);
        tracker.observe(15, 1);
        assertThat(tracker.lastGap()).isEqualTo(3);

        assertThat(tracker.isMissing(13, 1023)).isTrue();
        tracker.observe(13, 1);
        assertThat(tracker.isMissing(13, 1023)).isFalse();
        assertThat(tracker.isMissing(12, 1023)).isTrue();
        assertThat(tracker.isMissing(11, 1023)).as("received").isFalse();
        assertThat(tracker.isMissing(15, 1023)).as("the highest").isFalse();
        assertThat(tracker.isMissing(16, 1023)).as("not sent yet").isFalse();
        assertThat(tracker.isMissing(9, 1023)).as("before the start").isFalse();
        assertThat(tracker.isMissing(12, 2)).as("further back than asked").isFalse();
        assertThat(tracker.isReceived(13)).isTrue();
        assertThat(tracker.isReceived(15)).isTrue();
        assertThat(tracker.isReceived(12)).isFalse();
        assertThat(tracker.isReceived(16)).isFalse();
    }

    @Test
    void a_number_that_left_the_window_is_no_longer_missing() {
        tracker.restart(0, 1);
        tracker.observe(2, 1);
        for (long s = 3; s <= 1100; s++) {
            tracker.observe(s, 1);
        }
        assertThat(tracker.isMissing(1, 1023)).isFalse();
        assertThat(tracker.lastGap()).isEqualTo(1);
    }

    @Test
    void the_accounting_names_the_gap_before_a_frame_across_the_wrap() {
        SequenceAccounting accounting = new SequenceAccounting();
        Codifier s1 = Codifier.of("S1");
        accounting.observe(Frame.data(Frame.MAX_SEQUENCE - 3, 1, s1, new SequenceStart(Frame.MAX_SEQUENCE - 3)), 1);
        Frame after = Frame.data(2, 1, s1, new FloatReading(1f));

        assertThat(accounting.observe(after, 1)).isEqualTo(SequenceOutcome.GAP);
        assertThat(accounting.gapBefore(after)).isEqualTo(new SequenceGap(s1, BusChannel.DATA, Frame.MAX_SEQUENCE - 2, 5));
        assertThat(accounting.isMissing(s1, BusChannel.DATA, 0, 1023)).isTrue();
        assertThat(accounting.isMissing(Codifier.of("S9"), BusChannel.DATA, 0, 1023)).isFalse();
    }
}
