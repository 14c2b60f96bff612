package org.jphmesh.sensor.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.sensor.alert.notify.NotifySettings;
import org.jphmesh.sensor.calc.Formula;

/**
 * Reads an Alerts entry's rules ({@code Sensor.Proxy[]}) strictly: a rule with no condition or two, an unknown key, a
 * bad expression or a codifier taken by another entry is refused at load, naming the rule and the key.
 */
final class RuleReader {

    static final String ENTRY_OUTBOX = "entry";
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    private static final Set<String> COMMON = Set.of("Codifier", "Name", "Severity", "For", "Notify", "After");
    private static final Map<String, Set<String>> KINDS = Map.of(
            "When", Set.of("When", "Clear"),
            "Stale", Set.of("Stale", "Alive"),
            "Rate", Set.of("Rate", "Per", "Above", "Below"),
            "Loss", Set.of("Loss", "Window", "Above"),
            "Halted", Set.of("Halted"));
    private static final Duration MIN_GRACE = Duration.ofSeconds(10);
    private static final double DEFAULT_INTERVAL_SECONDS = 60;

    private final SensorConfig entry;
    private final MeshConfig config;
    private final ConfigBlock settings;
    private final Map<String, NotifySettings> notify = new LinkedHashMap<>();

    RuleReader(SensorConfig entry, MeshConfig config) {
        this.entry = entry;
        this.config = config;
        this.settings = ConfigBlock.of(entry);
    }

    /** The entry's rules, in the order written. */
    List<AlertRule> rules() {
        settings.refuseUnknownKeys(Set.of("Proxy", "Notify", "StateFolder", "ReadTimeout"));
        NotifySettings forEntry = settings.has("Notify") ? NotifySettings.read(settings.child("Notify")) : null;
        if (forEntry != null && !forEntry.isEmpty()) {
            notify.put(ENTRY_OUTBOX, forEntry);
        }
        List<ConfigBlock.Proxy> proxies;
        try {
            proxies = settings.proxies();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(settings.label() + ".Proxy: every rule needs a Codifier of two characters: "
                    + e.getMessage());
        }
        if (proxies.isEmpty()) {
            throw new ConfigException(settings.label() + ".Proxy must list at least one rule, e.g. "
                    + "{\"Codifier\": \"W1\", \"Name\": \"Too hot\", \"When\": \"{{G1}} > 30\"}");
        }
        List<AlertRule> rules = new ArrayList<>();
        Set<Codifier> seen = new HashSet<>();
        for (ConfigBlock.Proxy proxy : proxies) {
            if (!seen.add(proxy.codifier())) {
                throw new ConfigException(proxy.settings().label() + ".Codifier " + proxy.codifier()
                        + " names two rules of this entry");
            }
            rules.add(rule(rules.size(), proxy.codifier(), proxy.settings()));
        }
        return rules;
    }

    /** The notification settings the rules use, by outbox name. */
    Map<String, NotifySettings> notifySettings() {
        return notify;
    }

    private AlertRule rule(int index, Codifier code, ConfigBlock rule) {
        String label = rule.label() + " (" + code + ")";
        if (code.isBroadcast()) {
            throw new ConfigException(label + ".Codifier must name one rule, not @@");
        }
        config.sensor(code).filter(other -> !other.isProxy() || !entry.code().equals(other.proxyParent()))
                .ifPresent(other -> {
                    throw new ConfigException(label + ".Codifier " + code + " is already the codifier of the entry "
                            + other.codifier() + " (" + other.type() + "); a rule needs a codifier of its own");
                });
        List<String> kinds = KINDS.keySet().stream().filter(rule::has).sorted().toList();
        if (kinds.size() != 1) {
            throw new ConfigException(label + " must have exactly one condition of When, Stale, Rate, Loss or Halted"
                    + (kinds.isEmpty() ? "" : ", not " + String.join(" and ", kinds)));
        }
        String kind = kinds.get(0);
        Set<String> known = new HashSet<>(COMMON);
        known.addAll(KINDS.get(kind));
        rule.refuseUnknownKeys(known);
        String severity = rule.text("Severity", "warning");
        if (!SEVERITIES.contains(severity)) {
            throw new ConfigException(label + ".Severity must be info, warning or critical, not '" + severity + "'");
        }
        Duration after = rule.seconds("After", null);
        Condition condition = switch (kind) {
            case "When" -> new Threshold(Formula.compile(rule.text("When"), label + ".When"),
                    rule.has("Clear") ? Formula.compile(rule.text("Clear"), label + ".Clear") : null);
            case "Stale" -> {
                if (after == null) {
                    throw new ConfigException(label + ".After is missing: the seconds without a reading of "
                            + rule.text("Stale") + " after which the rule fires");
                }
                yield new Silence(codifier(rule, "Stale", label), after, rule.bool("Alive", false));
            }
            case "Rate" -> {
                if (!rule.has("Above") && !rule.has("Below")) {
                    throw new ConfigException(label + " needs Above (units a minute it may rise) or Below (a negative"
                            + " number: how fast it may fall)");
                }
                yield new RateOfChange(codifier(rule, "Rate", label), rule.seconds("Per", Duration.ofSeconds(60)),
                        rule.has("Above") ? rule.number("Above") : null, rule.has("Below") ? rule.number("Below") : null);
            }
            case "Loss" -> {
                double above = rule.number("Above", 2);
                if (above < 0 || above >= 100) {
                    throw new ConfigException(label + ".Above must be a percentage from 0 to 100, not " + above);
                }
                yield new Loss(codifier(rule, "Loss", label), rule.seconds("Window", Duration.ofSeconds(300)), above);
            }
            default -> new Halted(nodeOf(codifier(rule, "Halted", label)));
        };
        Duration hold = rule.has("For") && rule.number("For") == 0 ? Duration.ZERO : rule.seconds("For", Duration.ZERO);
        String name = rule.text("Name", rule.has("When") ? rule.text("When") : kind + " " + rule.text(kind));
        String outbox = notify.containsKey(ENTRY_OUTBOX) ? ENTRY_OUTBOX : null;
        if (rule.has("Notify")) {
            NotifySettings own = NotifySettings.read(rule.child("Notify"));
            outbox = own.isEmpty() ? null : code.value();
            if (!own.isEmpty()) {
                notify.put(code.value(), own);
            }
        }
        Duration repeat = outbox == null ? null : notify.get(outbox).repeat();
        return new AlertRule(index, code, name, severity, condition, hold,
                after != null ? after : grace(condition), outbox, repeat);
    }

    private static Codifier codifier(ConfigBlock rule, String key, String label) {
        String text = rule.text(key);
        try {
            Codifier code = Codifier.of(text);
            if (code.isBroadcast()) {
                throw new ConfigException(label + "." + key + " must name one codifier, not @@");
            }
            return code;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(label + "." + key + " must be a codifier such as G1, not '" + text + "'");
        }
    }

    /** The codifier of the node that sends as {@code code}: a proxy's parent, else itself. */
    Codifier nodeOf(Codifier code) {
        Optional<SensorConfig> own = config.sensor(code);
        if (own.isPresent() && own.get().isProxy() && own.get().proxyParent() != null) {
            return own.get().proxyParent();
        }
        for (SensorConfig other : config.sensors()) {
            if (other.listedProxies().contains(code)) {
                return other.code();
            }
        }
        return code;
    }

    // Three of the slowest input's intervals: one missed reading is not yet silence.
    private Duration grace(Condition condition) {
        double longest = 0;
        for (Codifier input : condition.inputs()) {
            double interval = config.sensor(nodeOf(input)).map(s -> s.interval().toMillis() / 1000.0)
                    .filter(seconds -> seconds > 0).orElse(DEFAULT_INTERVAL_SECONDS);
            longest = Math.max(longest, interval);
        }
        Duration grace = Duration.ofMillis(Math.round(longest * 3_000));
        return grace.compareTo(MIN_GRACE) < 0 ? MIN_GRACE : grace;
    }
}
