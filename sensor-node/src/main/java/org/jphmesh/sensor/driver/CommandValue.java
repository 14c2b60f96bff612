package org.jphmesh.sensor.driver;

import org.jphmesh.bus.json.PlainNumber;

/** The number an {@code A}/{@code E} command carries, as a device or an agent wants to read it: {@code 42}, not {@code 42.0}. */
public final class CommandValue {

    private CommandValue() {
    }

    /** The shortest plain decimal ({@code 42}, {@code -0.5}, {@code 1000000}); {@code NaN} and infinities as Java prints them. */
    public static String plain(double value) {
        return Double.isFinite(value) ? PlainNumber.of(value) : Double.toString(value);
    }
}
