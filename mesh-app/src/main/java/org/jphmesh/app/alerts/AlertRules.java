package org.jphmesh.app.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;

/**
 * Which codifiers of a mesh are alert rules, read from its config: the {@code Sensor.Proxy} items of every
 * {@code "Type": "Alerts"} entry. The dashboard (Alerts page, Home Assistant discovery) and {@code jph-control}
 * use it to know a rule when they see one; the alerts node reads the full rules itself.
 */
public final class AlertRules {

    /** The type name of an alerts entry. */
    public static final String TYPE = "Alerts";

    /** What every program may know of a rule without running it. */
    public record Rule(Codifier code, String name, String severity, Codifier node) {
    }

    private final Map<Codifier, Rule> rules;
    private final Set<Codifier> commandable;

    private AlertRules(Map<Codifier, Rule> rules, Set<Codifier> commandable) {
        this.rules = rules;
        this.commandable = Set.copyOf(commandable);
    }

    /** The rules {@code config} holds, by codifier, in config order. */
    public static AlertRules of(MeshConfig config) {
        Map<Codifier, Rule> rules = new LinkedHashMap<>();
        Set<Codifier> commandable = new HashSet<>();
        for (SensorConfig entry : config.sensors()) {
            if (!TYPE.equals(entry.type())) {
                continue;
            }
            JsonNode list = entry.sensor().path("Proxy");
            for (JsonNode item : list) {
                JsonNode code = item.get("Codifier");
                if (code == null || !code.isTextual()) {
                    continue;
                }
                try {
                    Codifier codifier = Codifier.of(code.asText());
                    Rule rule = new Rule(codifier, item.path("Name").asText(codifier.value()),
                            item.path("Severity").asText("warning"), entry.code());
                    if (rules.putIfAbsent(codifier, rule) == null
                            && config.sensor(codifier).map(SensorConfig::controlEnabled).orElse(entry.controlEnabled())) {
                        commandable.add(codifier);
                    }
                } catch (IllegalArgumentException e) {
                    // The alerts node refuses this rule at load and names it; here it is simply not a rule.
                }
            }
        }
        // Map.copyOf would lose the config order that all() promises.
        return new AlertRules(Collections.unmodifiableMap(rules), commandable);
    }

    public Optional<Rule> rule(Codifier code) {
        return Optional.ofNullable(rules.get(code));
    }

    public boolean isRule(Codifier code) {
        return rules.containsKey(code);
    }

    /**
     * Whether the alerts node takes acknowledge and silence commands for this rule (protocol.md, section 16): the
     * rule's own entry's {@code Control} when it has one, else its Alerts entry's, as the node itself decides.
     */
    public boolean acceptsCommands(Codifier code) {
        return commandable.contains(code);
    }

    /** Every rule, in config order. */
    public java.util.Collection<Rule> all() {
        return rules.values();
    }
}
