package org.jphmesh.sensor.alert;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jphmesh.app.alerts.AlertCommand;
import org.jphmesh.app.alerts.AlertStatus;
import org.jphmesh.app.alerts.AlertStatus.State;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.sensor.alert.notify.Notification;

/**
 * The rules' state machine: ok, pending (the condition holds, not yet for {@code For}; or the inputs were never heard,
 * not yet for the grace), firing. It decides the notifications: one on firing and one on resolve, repeats while firing
 * unless acknowledged, none while silenced (save the resolve of a firing already announced: good news closes what was
 * said). Confined to the evaluator thread; time is passed in, so tests move it.
 */
final class AlertEngine {

    private final Codifier node;
    private final List<AlertRule> rules;
    private final RuleState[] states;
    private final Map<Codifier, AlertRule> byCode = new HashMap<>();
    private final MeshWatch watch;
    private final long startedMillis;

    AlertEngine(Codifier node, List<AlertRule> rules, MeshWatch watch, long startedMillis) {
        this.node = node;
        this.rules = List.copyOf(rules);
        this.watch = watch;
        this.startedMillis = startedMillis;
        this.states = new RuleState[rules.size()];
        for (AlertRule rule : rules) {
            states[rule.index()] = RuleState.initial(startedMillis);
            byCode.put(rule.code(), rule);
        }
    }

    List<AlertRule> rules() {
        return rules;
    }

    /** Takes the states a previous run kept; rules it did not know start ok. */
    void restore(Map<Codifier, RuleState> saved) {
        for (AlertRule rule : rules) {
            RuleState kept = saved.get(rule.code());
            if (kept != null) {
                states[rule.index()] = kept;
            }
        }
    }

    RuleState state(int rule) {
        return states[rule];
    }

    AlertStatus status(int rule) {
        return states[rule].status(rules.get(rule).severity());
    }

    int firing() {
        int count = 0;
        for (RuleState state : states) {
            if (state.state() == State.FIRING) {
                count++;
            }
        }
        return count;
    }

    /** Evaluates one rule at {@code now}. */
    void evaluate(int index, long now, Outcome out) {
        AlertRule rule = rules.get(index);
        RuleState before = states[index];
        Observation seen = rule.condition().observe(watch, before.engagedSince(), now);
        RuleState after = switch (seen.verdict()) {
            case HOLDS -> {
                RuleState engaged = before.engagedSince() == HeardFrames.NEVER ? before.engaged(now) : before;
                boolean held = now - engaged.engagedSince() >= rule.hold().toMillis();
                yield move(engaged, held ? State.FIRING : State.PENDING, now, seen);
            }
            case CLEAR -> move(before.engaged(HeardFrames.NEVER), State.OK, now, seen);
            case UNHEARD -> {
                if (before.state() == State.FIRING) {
                    // Firing before a restart, nothing heard since: still firing, not quietly resolved.
                    yield before;
                }
                boolean graceOver = now - startedMillis >= rule.grace().toMillis();
                yield move(before, graceOver ? State.FIRING : State.PENDING, now, graceOver
                        ? new Observation(seen.verdict(), seen.value(), seen.message() + " for "
                        + rule.grace().toSeconds() + " s") : seen);
            }
            case UNKNOWN -> before.seeing(seen);
        };
        if (after.engagedSince() != before.engagedSince()) {
            out.ledgerChanged();
        }
        states[index] = after;
        if (after.state() != before.state()) {
            out.statusChanged(index);
            if (after.state() == State.FIRING) {
                announce(rule, now, out, false);
            } else if (before.state() == State.FIRING && before.announced()) {
                resolve(rule, before, now, out);
            }
        } else {
            remind(rule, now, out);
        }
    }

    private static RuleState move(RuleState from, State next, long now, Observation seen) {
        return from.state() == next ? from.seeing(seen) : from.entering(next, now, seen);
    }

    // Firing and not yet announced (silenced until now, a restart), or due for a repeat.
    private void remind(AlertRule rule, long now, Outcome out) {
        RuleState state = states[rule.index()];
        if (state.state() != State.FIRING || state.silencedUntil() > now || rule.outbox() == null) {
            return;
        }
        if (!state.announced()) {
            announce(rule, now, out, false);
        } else if (rule.repeat() != null && !state.acknowledged()
                && now - state.lastNotified() >= rule.repeat().toMillis()) {
            announce(rule, now, out, true);
        }
    }

    private void announce(AlertRule rule, long now, Outcome out, boolean repeat) {
        RuleState state = states[rule.index()];
        if (rule.outbox() == null || state.silencedUntil() > now) {
            return;
        }
        states[rule.index()] = state.notified(now, repeat);
        out.notify(rule, notification(rule, states[rule.index()], Notification.State.FIRING,
                "f" + states[rule.index()].repeats()));
    }

    private void resolve(AlertRule rule, RuleState firing, long now, Outcome out) {
        if (rule.outbox() == null) {
            return;
        }
        RuleState state = states[rule.index()];
        states[rule.index()] = state.notified(now, false);
        out.notify(rule, notification(rule, states[rule.index()], Notification.State.RESOLVED, "r" + firing.since()));
    }

    private Notification notification(AlertRule rule, RuleState state, Notification.State what, String suffix) {
        return new Notification(rule.code() + "-" + state.since() + "-" + suffix, rule.code(), rule.name(), what,
                rule.severity(), state.value(), state.since(), state.message(), node);
    }

    /** Evaluates the rules time alone can change, and reminds the firing ones. */
    void sweep(long now, Outcome out) {
        for (AlertRule rule : rules) {
            RuleState state = states[rule.index()];
            if (rule.condition().timed() || state.state() == State.PENDING) {
                evaluate(rule.index(), now, out);
            } else if (state.state() == State.FIRING) {
                remind(rule, now, out);
            }
        }
    }

    /** An operator's command to the rule {@code code}; false when no rule has that codifier. */
    boolean command(Codifier code, AlertCommand command, long now, Outcome out) {
        AlertRule rule = byCode.get(code);
        if (rule == null) {
            return false;
        }
        int index = rule.index();
        RuleState state = states[index];
        if (command instanceof AlertCommand.Acknowledge) {
            states[index] = state.state() == State.FIRING ? state.acknowledged(true) : state;
        } else if (command instanceof AlertCommand.Silence silence) {
            states[index] = state.silencedUntil(now + silence.period().toMillis());
        } else {
            states[index] = state.acknowledged(false).silencedUntil(0);
        }
        out.statusChanged(index);
        remind(rule, now, out);
        return true;
    }

    /**
     * The states worth keeping at {@code now}: a quiet rule (ok, as every rule starts) is left out, so the kept file
     * holds the few rules that are pending, firing, acknowledged or silenced, not all of them on every change.
     */
    Map<Codifier, RuleState> snapshot(long now) {
        Map<Codifier, RuleState> copy = new HashMap<>();
        for (AlertRule rule : rules) {
            RuleState state = states[rule.index()];
            if (!state.isQuiet(now)) {
                copy.put(rule.code(), state);
            }
        }
        return copy;
    }
}
