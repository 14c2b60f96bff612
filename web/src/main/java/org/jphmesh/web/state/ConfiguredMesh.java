package org.jphmesh.web.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jphmesh.app.alerts.AlertRules;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;

/**
 * The mesh as config.json describes it, indexed once per (re)load: each codifier's entry, which node sends a
 * proxy codifier's readings, and which codifiers are alert rules. Immutable; a reload makes a new one.
 */
final class ConfiguredMesh {

    private final MeshConfig config;
    private final Map<Codifier, SensorConfig> entries;
    private final Map<Codifier, Codifier> parents;
    private final AlertRules rules;

    ConfiguredMesh(MeshConfig config) {
        Map<Codifier, Codifier> byProxy = new HashMap<>();
        for (SensorConfig entry : config.sensors()) {
            entry.listedProxies().forEach(proxy -> byProxy.put(proxy, entry.code()));
            if (entry.isProxy() && entry.proxyParent() != null) {
                byProxy.putIfAbsent(entry.code(), entry.proxyParent());
            }
        }
        Map<Codifier, SensorConfig> byCode = new HashMap<>();
        config.sensors().forEach(entry -> byCode.putIfAbsent(entry.code(), entry));
        this.config = config;
        this.entries = Map.copyOf(byCode);
        this.parents = Map.copyOf(byProxy);
        this.rules = AlertRules.of(config);
    }

    MeshConfig config() {
        return config;
    }

    /** The config entry of a codifier, by index (the config's own lookup is a scan). */
    Optional<SensorConfig> entry(Codifier code) {
        return Optional.ofNullable(entries.get(code));
    }

    boolean isConfigured(Codifier code) {
        return entries.containsKey(code);
    }

    /** The alert rules of the config: codifiers listed by an {@code Alerts} entry, most with no entry of their own. */
    AlertRules rules() {
        return rules;
    }

    /** The codifier whose node sends this one's readings: a proxy's parent, otherwise itself. */
    Codifier nodeOf(Codifier code) {
        return parents.getOrDefault(code, code);
    }

    boolean isProxy(Codifier code) {
        return parents.containsKey(code);
    }

    /** The proxy codifiers whose readings {@code node} sends, in no particular order. */
    List<Codifier> proxiesOf(Codifier node) {
        List<Codifier> proxies = new ArrayList<>();
        parents.forEach((proxy, parent) -> {
            if (parent.equals(node)) {
                proxies.add(proxy);
            }
        });
        return proxies;
    }
}
