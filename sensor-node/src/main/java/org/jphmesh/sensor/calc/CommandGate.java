package org.jphmesh.sensor.calc;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.jphmesh.bus.frame.Codifier;

/**
 * Decides, read by read, which computed commands go out: {@code changed} ones only when their value differs
 * from the last one sent (or their {@code Resend} time has come), {@code always} ones every read; a conditional
 * one ({@code S}, {@code H}) only while its value is not 0; and never two to one target within its
 * {@code MinInterval}. A command held back is offered again at the next read, so the last value still goes out.
 */
final class CommandGate {

    private record Sent(double value, long atMillis) {
    }

    private final Clock clock;
    private final Map<CommandRule, Sent> lastSent = new HashMap<>();
    private final Map<Codifier, Long> lastToTarget = new HashMap<>();

    CommandGate(Clock clock) {
        this.clock = clock;
    }

    /** Whether {@code rule} should send {@code value} now; if so, it counts as sent. */
    synchronized boolean offer(CommandRule rule, double value) {
        long now = clock.millis();
        if (rule.conditional()) {
            value = value == 0 ? 0 : 1;
        }
        Sent last = lastSent.get(rule);
        if (rule.conditional() && value == 0) {
            // The condition ended: the next time it holds is a change again.
            lastSent.put(rule, new Sent(0, last == null ? Long.MIN_VALUE : last.atMillis()));
            return false;
        }
        boolean due = rule.always() || last == null || Double.compare(last.value(), value) != 0
                || rule.resend() != null && now - last.atMillis() >= rule.resend().toMillis();
        if (!due) {
            return false;
        }
        Long previous = lastToTarget.get(rule.to());
        if (previous != null && now - previous < rule.minInterval().toMillis()) {
            return false;
        }
        lastSent.put(rule, new Sent(value, now));
        lastToTarget.put(rule.to(), now);
        return true;
    }

}
