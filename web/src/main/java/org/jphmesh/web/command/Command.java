package org.jphmesh.web.command;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jphmesh.bus.frame.Flag;

/** The commands the dashboard, the API and the MQTT bridge can give a node, and the control flag each sends. */
public enum Command {
    ping(Flag.PING, false),
    halt(Flag.HALT, false),
    start(Flag.START, false),
    reload(Flag.RELOAD, false),
    set(Flag.SET, true),
    step(Flag.STEP, true);

    private final Flag flag;
    private final boolean needsValue;

    Command(Flag flag, boolean needsValue) {
        this.flag = flag;
        this.needsValue = needsValue;
    }

    public Flag flag() {
        return flag;
    }

    /** True for set and step: they carry a value and need {@code "Control": "enabled"}. */
    public boolean needsValue() {
        return needsValue;
    }

    /** By name ({@code halt}) or by flag letter ({@code H}), as the MQTT bridge and jph-control spell them. */
    public static Command parse(String text) {
        if (text != null) {
            String trimmed = text.trim();
            for (Command command : values()) {
                if (command.name().equalsIgnoreCase(trimmed) || trimmed.length() == 1 && trimmed.charAt(0) == command.flag.letter()) {
                    return command;
                }
            }
        }
        throw new CommandRefusedException(400, "command must be one of " + Arrays.stream(values()).map(Enum::name)
                .collect(Collectors.joining(", ")) + " (or P, H, S, C, A, E), not '" + CommandRefusedException.echo(text) + "'");
    }

    public String lower() {
        return name().toLowerCase(Locale.ROOT);
    }
}
