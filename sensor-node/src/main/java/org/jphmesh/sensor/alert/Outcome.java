package org.jphmesh.sensor.alert;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jphmesh.sensor.alert.notify.Notification;

/** What one round of evaluation changed: rule states to send and keep, and notifications to hand to their outboxes. */
final class Outcome {

    /** A notification and the rule that caused it (whose settings say where it goes). */
    record Notice(AlertRule rule, Notification notification) {
    }

    private final BitSet changed = new BitSet();
    private final List<Notice> notices = new ArrayList<>();
    private boolean ledgerChanged;

    void statusChanged(int rule) {
        changed.set(rule);
        ledgerChanged = true;
    }

    /** Kept across restarts but not worth a frame (a sample, the time a condition began to hold). */
    void ledgerChanged() {
        ledgerChanged = true;
    }

    void notify(AlertRule rule, Notification notification) {
        notices.add(new Notice(rule, notification));
        ledgerChanged = true;
    }

    BitSet changed() {
        return changed;
    }

    List<Notice> notices() {
        return notices;
    }

    boolean isLedgerChanged() {
        return ledgerChanged;
    }

    boolean isEmpty() {
        return !ledgerChanged && changed.isEmpty() && notices.isEmpty();
    }
}
