package org.jphmesh.sensor.alert;

import org.jphmesh.app.alerts.AlertStatus;

/**
 * Where one rule stands, as the ledger keeps it across restarts: its state and since when, whether the current
 * firing has been announced (so a restart does not announce it twice), and the operators' acknowledgement and
 * silence.
 *
 * @param engagedSince when the condition began to hold (pending or firing), or {@link HeardFrames#NEVER}
 * @param announced    the current firing was notified
 * @param lastNotified when the last notification about this rule went out, epoch ms
 * @param repeats      repeats sent for the current firing
 */
record RuleState(AlertStatus.State state, long since, String message, double value, long engagedSince,
                 boolean acknowledged, long silencedUntil, boolean announced, long lastNotified, int repeats) {

    static RuleState initial(long nowMillis) {
        return new RuleState(AlertStatus.State.OK, nowMillis, "", Double.NaN, HeardFrames.NEVER, false, 0, false, 0, 0);
    }

    /** Whether there is nothing to keep: ok, never engaged, not acknowledged, silenced or announced, as every rule starts. */
    boolean isQuiet(long nowMillis) {
        return state == AlertStatus.State.OK && engagedSince == HeardFrames.NEVER && !acknowledged
                && silencedUntil <= nowMillis && !announced;
    }

    RuleState entering(AlertStatus.State next, long nowMillis, Observation seen) {
        boolean firing = next == AlertStatus.State.FIRING;
        // A new firing starts unacknowledged and unannounced; leaving firing ends the acknowledgement.
        return new RuleState(next, nowMillis, seen.message(), seen.value(), engagedSince,
                firing && state == AlertStatus.State.FIRING && acknowledged, silencedUntil, firing && announced,
                lastNotified, firing ? repeats : 0);
    }

    RuleState seeing(Observation seen) {
        return new RuleState(state, since, seen.message(), Double.isNaN(seen.value()) ? value : seen.value(), engagedSince,
                acknowledged, silencedUntil, announced, lastNotified, repeats);
    }

    RuleState engaged(long at) {
        return new RuleState(state, since, message, value, at, acknowledged, silencedUntil, announced, lastNotified, repeats);
    }

    RuleState notified(long at, boolean repeat) {
        return new RuleState(state, since, message, value, engagedSince, acknowledged, silencedUntil,
                state == AlertStatus.State.FIRING, at, repeat ? repeats + 1 : repeats);
    }

    RuleState acknowledged(boolean ack) {
        return new RuleState(state, since, message, value, engagedSince, ack, silencedUntil, announced, lastNotified, repeats);
    }

    RuleState silencedUntil(long until) {
        return new RuleState(state, since, message, value, engagedSince, acknowledged, until, announced, lastNotified, repeats);
    }

    AlertStatus status(String severity) {
        return new AlertStatus(state, since, message, severity, acknowledged, silencedUntil);
    }
}
