package org.jphmesh.web.state;

/**
 * One sensor as the dashboard, the API and the MQTT bridge see it at an instant: its entry's names, its
 * latest reading and its node's liveness. {@code value} is the number the reading stands for (null when
 * none); {@code text} is the raw text of {@code s} and {@code j} readings.
 */
public record SensorView(String code, String name, String longName, String symbol, String type, String node,
                         boolean controlEnabled, Double value, String text, Long readingAt, Long sequence,
                         Long aliveAt, Boolean active, SensorStatus status, long timeoutMs, long keepAliveMs,
                         Long intervalMs) {
}
