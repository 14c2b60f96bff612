package org.jphmesh.sensor.calc;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;

/**
 * One entry of {@code Sensor.Commands}: a control frame to another codifier, computed as the outputs are,
 * so a calculation can drive an actuator as the legacy fan template did:
 * {@code {"To": "FK", "Flag": "A", "Value": "IF({{FQ}} = 1, 100, 0)", "When": "changed"}}.
 *
 * @param to          the target; its entry must say {@code "Control": "enabled"}
 * @param flag        {@code A} (set) or {@code E} (step) send the value; {@code S} (start) or {@code H} (halt) are
 *                    sent while the value is not 0
 * @param always      {@code "When": "always"}: every read; otherwise ({@code "changed"}) only when the value differs
 *                    from the last one sent
 * @param resend      with {@code changed}, the last command again after this long (null: never)
 * @param minInterval at most one command to {@code to} this often, so a flapping input cannot flood the bus
 */
record CommandRule(Codifier to, Flag flag, Formula value, boolean always, Duration resend, Duration minInterval, String label) {

    private static final Set<Flag> FLAGS = Set.of(Flag.SET, Flag.STEP, Flag.START, Flag.HALT);
    static final Duration DEFAULT_MIN_INTERVAL = Duration.ofSeconds(1);

    /** Reads and checks one entry against the mesh: a target that cannot take commands is refused here, at load. */
    static CommandRule read(ConfigBlock entry, MeshConfig config) {
        String label = entry.label();
        Codifier to;
        try {
            to = Codifier.of(entry.text("To"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(label + ".To must be a codifier such as FK, not '" + entry.text("To") + "'");
        }
        if (to.isBroadcast()) {
            throw new ConfigException(label + ".To must name one codifier, not @@");
        }
        SensorConfig target = config.sensor(to).orElseThrow(() -> new ConfigException(label + ".To: " + to
                + " has no entry in Sensors, so nothing would act on the command"));
        if (!target.controlEnabled()) {
            throw new ConfigException(label + ".To: " + to + " does not say \"Control\": \"enabled\", so it would ignore"
                    + " the command");
        }
        String letter = entry.text("Flag");
        Flag flag = FLAGS.stream().filter(f -> String.valueOf(f.letter()).equals(letter)).findFirst()
                .orElseThrow(() -> new ConfigException(label + ".Flag must be A, E, S or H, not '" + letter + "'"));
        String when = entry.text("When", "changed").toLowerCase(Locale.ROOT);
        if (!when.equals("changed") && !when.equals("always")) {
            throw new ConfigException(label + ".When must be changed or always, not '" + when + "'");
        }
        Duration resend = entry.seconds("Resend", null);
        Duration minInterval = entry.has("MinInterval") && entry.number("MinInterval") == 0 ? Duration.ZERO
                : entry.seconds("MinInterval", DEFAULT_MIN_INTERVAL);
        return new CommandRule(to, flag, Formula.compile(entry.text("Value"), label + ".Value"), when.equals("always"),
                resend, minInterval, label);
    }

    /** True for S and H, whose value is a condition rather than what is sent. */
    boolean conditional() {
        return flag == Flag.START || flag == Flag.HALT;
    }
}
