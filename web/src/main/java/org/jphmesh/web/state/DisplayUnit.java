package org.jphmesh.web.state;

import java.util.Map;

/** How a legacy {@code Symbol} is written for people ({@code C} as {@code °C}): one spelling for the pages and Home Assistant. */
public final class DisplayUnit {

    private static final Map<String, String> SPELLINGS = Map.of("C", "°C", "F", "°F", "kwh", "kWh", "lpm", "L/min");

    private DisplayUnit() {
    }

    /** The unit to print after a value; empty for none. */
    public static String of(String symbol) {
        if (symbol == null || symbol.isBlank()) {
            return "";
        }
        String trimmed = symbol.strip();
        return SPELLINGS.getOrDefault(trimmed, trimmed);
    }
}
