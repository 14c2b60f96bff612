package org.jphmesh.sensor.alert;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.sensor.calc.Formula;

/**
 * {@code "When": "{{G1}} > 30", "Clear": "{{G1}} < 28"}: holds when {@code When} is true (not 0); once it held, it lets
 * go only when {@code Clear} is true, so a value wavering around 30 neither resets a pending {@code For} nor resolves a
 * firing alert. Without {@code Clear} it lets go when {@code When} is false.
 */
final class Threshold implements Condition {

    private final Formula when;
    private final Formula clear;
    private final Set<Codifier> inputs;

    Threshold(Formula when, Formula clear) {
        this.when = when;
        this.clear = clear;
        Set<Codifier> all = new LinkedHashSet<>(when.inputs().values());
        if (clear != null) {
            all.addAll(clear.inputs().values());
        }
        this.inputs = Set.copyOf(all);
    }

    @Override
    public Observation observe(MeshWatch watch, long engagedSince, long nowMillis) {
        boolean engaged = engagedSince != HeardFrames.NEVER;
        Formula asked = engaged && clear != null ? clear : when;
        Formula.Result result = asked.evaluate(watch.latest());
        if (result.missing() != null) {
            return Observation.unheard("no value heard from " + result.missing());
        }
        if (result.error() != null) {
            return Observation.unknown(asked.source() + ": " + result.error());
        }
        boolean truth = result.value() != 0;
        boolean holds = engaged && clear != null ? !truth : truth;
        String message = when.source() + ": " + values(watch);
        double value = firstValue(watch);
        return holds ? Observation.holds(value, message) : Observation.clear(value, message);
    }

    private String values(MeshWatch watch) {
        StringBuilder text = new StringBuilder();
        for (Codifier input : inputs) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(input).append(" = ");
            watch.latest().get(input).ifPresentOrElse(v -> text.append(format(v)), () -> text.append('?'));
        }
        return text.toString();
    }

    private double firstValue(MeshWatch watch) {
        return inputs.isEmpty() ? Double.NaN : watch.latest().get(inputs.iterator().next()).orElse(Double.NaN);
    }

    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4g", value).replaceAll("\\.?0+$", "");
    }

    @Override
    public Set<Codifier> triggers() {
        return inputs;
    }

    @Override
    public boolean timed() {
        return false;
    }
}
