package org.jphmesh.bus.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jphmesh.bus.frame.Codifier;

/**
 * One entry of {@code "Sensors"}; each component is the legacy key of the same name ({@code Codifier},
 * {@code ShortName}, {@code KeepAliveInterval}, ...). Timing keys are in seconds and default to
 * 60 when absent (as on the legacy proxy entries); {@code Sensor} is the type-specific block, kept as
 * a JSON tree for the driver to read. {@code States} (ours, ignored by legacy nodes) names a discrete sensor's values.
 */
public record SensorConfig(String codifier,
                           String shortName,
                           String name,
                           String symbol,
                           Double keepAliveInterval,
                           Double sensorInterval,
                           Double timeoutWarning,
                           Boolean active,
                           DataType dataType,
                           String type,
                           String control,
                           JsonNode sensor,
                           StateLabels states) {

    public static final double DEFAULT_INTERVAL_SECONDS = 60;

    public SensorConfig {
        shortName = shortName == null ? codifier : shortName;
        name = name == null ? shortName : name;
        symbol = symbol == null ? "" : symbol;
        keepAliveInterval = keepAliveInterval == null ? DEFAULT_INTERVAL_SECONDS : keepAliveInterval;
        sensorInterval = sensorInterval == null ? DEFAULT_INTERVAL_SECONDS : sensorInterval;
        timeoutWarning = timeoutWarning == null ? DEFAULT_INTERVAL_SECONDS : timeoutWarning;
        active = active == null ? Boolean.TRUE : active;
        dataType = dataType == null ? DataType.FLOAT : dataType;
        sensor = sensor == null ? JsonNodeFactory.instance.objectNode() : sensor.deepCopy();
        states = states == null ? StateLabels.NONE : states;
    }

    /** An entry for a program that has none in the config file (e.g. an ad-hoc console). */
    public static SensorConfig adHoc(Codifier codifier, String type) {
        return new SensorConfig(codifier.value(), null, null, null, null, null, null, true, DataType.INTEGER, type,
                null, null, null);
    }

    public Codifier code() {
        return Codifier.of(codifier);
    }

    public Duration keepAlive() {
        return seconds(keepAliveInterval);
    }

    public Duration interval() {
        return seconds(sensorInterval);
    }

    public Duration timeout() {
        return seconds(timeoutWarning);
    }

    /** True when {@code "Control":"enabled"}: the node accepts set-point ({@code A}) and step ({@code E}) frames. */
    public boolean controlEnabled() {
        return "enabled".equalsIgnoreCase(control);
    }

    public boolean isProxy() {
        return "Proxy".equals(type);
    }

    /** For a {@code Proxy} entry: the codifier of the entry that sends its readings. */
    public Codifier proxyParent() {
        JsonNode parent = sensor.get("Codifier");
        return parent != null && parent.isTextual() ? Codifier.of(parent.asText()) : null;
    }

    /** The codifiers listed in this entry's {@code Sensor.Proxy[]}. */
    public List<Codifier> listedProxies() {
        List<Codifier> proxies = new ArrayList<>();
        JsonNode list = sensor.get("Proxy");
        if (list != null && list.isArray()) {
            for (JsonNode proxy : list) {
                JsonNode code = proxy.get("Codifier");
                if (code != null && code.isTextual()) {
                    proxies.add(Codifier.of(code.asText()));
                }
            }
        }
        return List.copyOf(proxies);
    }

    @Override
    public JsonNode sensor() {
        return sensor.deepCopy();
    }

    private static Duration seconds(double value) {
        return Duration.ofNanos(Math.round(value * 1_000_000_000d));
    }
}
