package org.jphmesh.web.state;

import java.util.Map;

/**
 * One sensor as the dashboard, the API and the MQTT bridge see it at an instant: its entry's names, its
 * latest reading and its node's liveness. {@code value} is the number the reading stands for (null when
 * none); {@code text} is the raw text of {@code s} and {@code j} readings. {@code symbol} is the entry's legacy
 * {@code Symbol}, {@code unit} how people write it ({@code °C}); {@code states} labels a discrete sensor's values
 * ({@code {"0": "closed"}}), null when it has none.
 */
public record SensorView(String code, String name, String longName, String symbol, String type, String node,
                         boolean controlEnabled, Double value, String text, Long readingAt, Long sequence,
                         Long aliveAt, Boolean active, SensorStatus status, long timeoutMs, long keepAliveMs,
                         Long intervalMs, String unit, String dataType, Map<String, String> states) {

    public SensorView {
        states = states == null || states.isEmpty() ? null : Map.copyOf(states);
    }
}
