package org.jphmesh.sensor.line;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.sensor.driver.CommandValue;

/**
 * What a line device says and is told, the same over serial and TCP: {@code Eol}, {@code Query} every
 * {@code QueryInterval}, {@code Patterns} from lines to codifiers, {@code Write} templates for {@code A}/{@code E},
 * and {@code Heartbeat}, after which an unchanged value is sent again. Read once, strictly, naming the key.
 */
record LineProtocol(String eol, Optional<String> query, Duration queryInterval, List<LinePattern> patterns,
                    Map<Flag, String> writes, Duration heartbeat) {

    static final Set<String> KEYS = Set.of("Eol", "Query", "QueryInterval", "Patterns", "Write", "Heartbeat");

    LineProtocol {
        patterns = List.copyOf(patterns);
        writes = Map.copyOf(writes);
    }

    static LineProtocol read(SensorConfig entry) {
        ConfigBlock settings = ConfigBlock.of(entry);
        String eol = settings.text("Eol", "\n");
        if (eol.isEmpty()) {
            throw new ConfigException(settings.label() + ".Eol must not be empty");
        }
        Set<Codifier> own = new HashSet<>();
        own.add(entry.code());
        for (ConfigBlock.Proxy proxy : settings.proxies()) {
            own.add(proxy.codifier());
        }
        String query = settings.text("Query", "");
        return new LineProtocol(eol, query.isEmpty() ? Optional.empty() : Optional.of(query),
                settings.seconds("QueryInterval", entry.interval()), patterns(settings, own), writes(settings),
                settings.seconds("Heartbeat", entry.interval()));
    }

    private static List<LinePattern> patterns(ConfigBlock settings, Set<Codifier> own) {
        JsonNode list = settings.json().get("Patterns");
        String key = settings.label() + ".Patterns";
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ConfigException(key + " must be a list of at least one {\"Match\": ..., \"Codifiers\": [...]}");
        }
        List<LinePattern> patterns = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigBlock item = ConfigBlock.of(list.get(i), key + "[" + i + "]");
            item.refuseUnknownKeys(Set.of("Match", "Codifiers"));
            Pattern match;
            try {
                match = Pattern.compile(item.text("Match"));
            } catch (PatternSyntaxException e) {
                throw new ConfigException(item.label() + ".Match is not a regular expression: " + e.getDescription());
            }
            try {
                patterns.add(new LinePattern(match, codifiers(item, own)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(item.label() + ".Codifiers " + e.getMessage());
            }
        }
        return patterns;
    }

    private static List<Codifier> codifiers(ConfigBlock item, Set<Codifier> own) {
        JsonNode list = item.json().get("Codifiers");
        if (list == null || !list.isArray()) {
            throw new ConfigException(item.label() + ".Codifiers must be a list of codifiers, one per group");
        }
        List<Codifier> codifiers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode code = list.get(i);
            if (code.isNull()) {
                codifiers.add(null);
                continue;
            }
            String at = item.label() + ".Codifiers[" + i + "]";
            Codifier codifier;
            try {
                codifier = Codifier.of(code.asText());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at + ": " + e.getMessage());
            }
            if (!own.contains(codifier)) {
                throw new ConfigException(at + " " + codifier + " is neither this entry's codifier nor one of its Proxy[]");
            }
            codifiers.add(codifier);
        }
        return codifiers;
    }

    private static Map<Flag, String> writes(ConfigBlock settings) {
        if (!settings.has("Write")) {
            return Map.of();
        }
        ConfigBlock write = settings.child("Write");
        write.refuseUnknownKeys(Set.of("A", "E"));
        Map<Flag, String> templates = new EnumMap<>(Flag.class);
        if (write.has("A")) {
            templates.put(Flag.SET, write.text("A"));
        }
        if (write.has("E")) {
            templates.put(Flag.STEP, write.text("E"));
        }
        return templates;
    }

    /** The line for a command, without its end: {@code {value}} as the shortest decimal, {@code {codifier}} its target. */
    Optional<String> command(Flag flag, Codifier to, double value) {
        String template = writes.get(flag);
        if (template == null) {
            return Optional.empty();
        }
        return Optional.of(template.replace("{value}", CommandValue.plain(value)).replace("{codifier}", to.value()));
    }
}
