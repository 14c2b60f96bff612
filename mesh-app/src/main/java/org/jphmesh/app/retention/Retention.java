package org.jphmesh.app.retention;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;

/**
 * What the database keeps, from a collector entry's {@code Sensor.Retention} block:
 * {@code {"Raw": "400d", "TenMinutes": "5y", "Hour": "forever", "Codifiers": {"T1": {"Raw": "30d"}}}}.
 * A tier left out is kept forever; a codifier's override inherits the tiers it leaves out. No block keeps everything.
 *
 * @param defaults  the tiers of every codifier without an override
 * @param overrides the tiers of named codifiers
 */
public record Retention(RetentionTiers defaults, Map<String, RetentionTiers> overrides) {

    public static final Retention KEEP_EVERYTHING = new Retention(RetentionTiers.FOREVER, Map.of());

    private static final Set<String> TIER_KEYS = Set.of("Raw", "TenMinutes", "Hour");

    public Retention {
        Objects.requireNonNull(defaults, "defaults");
        overrides = Map.copyOf(overrides);
    }

    public static Retention fromEntry(SensorConfig entry) {
        if (!entry.sensor().has("Retention")) {
            return KEEP_EVERYTHING;
        }
        ConfigBlock block = ConfigBlock.of(entry).child("Retention");
        block.refuseUnknownKeys(Set.of("Raw", "TenMinutes", "Hour", "Codifiers"));
        RetentionTiers defaults = tiers(block, RetentionTiers.FOREVER);
        Map<String, RetentionTiers> overrides = new TreeMap<>();
        if (block.has("Codifiers")) {
            ConfigBlock codifiers = block.child("Codifiers");
            for (Iterator<String> it = codifiers.json().fieldNames(); it.hasNext(); ) {
                String code = it.next();
                if (code.startsWith("__")) {
                    continue;
                }
                try {
                    Codifier.of(code);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(codifiers.label() + "." + code + ": " + e.getMessage());
                }
                ConfigBlock override = codifiers.child(code);
                override.refuseUnknownKeys(TIER_KEYS);
                overrides.put(code, tiers(override, defaults));
            }
        }
        return new Retention(defaults, overrides);
    }

    private static RetentionTiers tiers(ConfigBlock block, RetentionTiers inherited) {
        return new RetentionTiers(period(block, RetentionTier.RAW, inherited), period(block, RetentionTier.TEN_MINUTES, inherited),
                period(block, RetentionTier.HOUR, inherited));
    }

    private static RetentionPeriod period(ConfigBlock block, RetentionTier tier, RetentionTiers inherited) {
        return block.optionalText(tier.key()).map(text -> RetentionPeriod.parse(text, block.label() + "." + tier.key()))
                .orElse(inherited.of(tier));
    }

    /** True when nothing is ever removed. */
    public boolean keepsEverything() {
        return groups(RetentionTier.RAW).stream().allMatch(group -> group.period().forever())
                && groups(RetentionTier.TEN_MINUTES).stream().allMatch(group -> group.period().forever())
                && groups(RetentionTier.HOUR).stream().allMatch(group -> group.period().forever());
    }

    /**
     * The codifiers of {@code tier} grouped by period: one group per period an override sets apart from the
     * default, naming its codifiers, and the default's group, naming those it does not cover.
     */
    public List<RetentionGroup> groups(RetentionTier tier) {
        RetentionPeriod common = defaults.of(tier);
        Map<RetentionPeriod, List<String>> apart = new java.util.LinkedHashMap<>();
        // In codifier order: the groups and their lists come out the same on every run.
        new TreeMap<>(overrides).forEach((code, tiers) -> {
            if (!tiers.of(tier).equals(common)) {
                apart.computeIfAbsent(tiers.of(tier), period -> new ArrayList<>()).add(code);
            }
        });
        List<RetentionGroup> groups = new ArrayList<>();
        List<String> others = apart.values().stream().flatMap(List::stream).sorted().toList();
        groups.add(new RetentionGroup(common, List.of(), others));
        apart.forEach((period, codes) -> groups.add(new RetentionGroup(period, codes, List.of())));
        return List.copyOf(groups);
    }
}
