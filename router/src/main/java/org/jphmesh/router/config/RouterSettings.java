package org.jphmesh.router.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.SensorConfig;

/**
 * A router entry's {@code Sensor} block: its links, the hop limit and the duplicate-suppression window.
 *
 * @param hopLimit              routers a frame may cross; a frame that has crossed this many is not forwarded
 * @param duplicateWindowMillis how long a frame's identity is remembered, to suppress echoes and copies
 */
public record RouterSettings(@JsonProperty("Links") List<LinkSettings> links,
                             @JsonProperty("HopLimit") Integer hopLimit,
                             @JsonProperty("DuplicateWindowMillis") Integer duplicateWindowMillis) {

    /** A mask of 32 bits holds, per frame, where it arrived and where it went: 16 links each. */
    public static final int MAX_LINKS = 16;
    public static final int DEFAULT_HOP_LIMIT = 8;
    public static final int DEFAULT_DUPLICATE_WINDOW_MILLIS = 2_000;

    public RouterSettings {
        links = links == null ? List.of() : List.copyOf(links);
        hopLimit = hopLimit == null ? DEFAULT_HOP_LIMIT : hopLimit;
        duplicateWindowMillis = duplicateWindowMillis == null ? DEFAULT_DUPLICATE_WINDOW_MILLIS : duplicateWindowMillis;
    }

    /** The settings of a {@code Router} entry, checked; every error names the key. */
    public static RouterSettings fromEntry(SensorConfig entry) {
        String key = entry.codifier() + ".Sensor";
        RouterSettings settings = ConfigLoader.bindStrict(entry.sensor(), RouterSettings.class, key);
        settings.validate(key);
        return settings;
    }

    private void validate(String key) {
        if (links.size() < 2 || links.size() > MAX_LINKS) {
            throw new ConfigException(key + ".Links must list 2 to " + MAX_LINKS + " links (segments or unicast"
                    + " links to other routers), not " + links.size());
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < links.size(); i++) {
            LinkSettings link = links.get(i);
            link.validate(key + ".Links[" + i + "]");
            if (!names.add(link.name())) {
                throw new ConfigException(key + ".Links[" + i + "].Name '" + link.name()
                        + "' is used twice; each link of a router joins a different segment");
            }
        }
        if (links.stream().allMatch(LinkSettings::unicast)) {
            throw new ConfigException(key + ".Links needs at least one multicast segment (Interface): the router's"
                    + " own node sends its alive frames and statistics there");
        }
        if (hopLimit < 1 || hopLimit > 255) {
            throw new ConfigException(key + ".HopLimit must be 1..255, not " + hopLimit);
        }
        if (duplicateWindowMillis < 100 || duplicateWindowMillis > 60_000) {
            throw new ConfigException(key + ".DuplicateWindowMillis must be 100..60000, not " + duplicateWindowMillis);
        }
    }

    public Duration duplicateWindow() {
        return Duration.ofMillis(duplicateWindowMillis);
    }

    /** The first multicast segment: where the router's own node (its alive frames and statistics) lives. */
    public LinkSettings home() {
        return links.stream().filter(link -> !link.unicast()).findFirst().orElse(links.get(0));
    }
}
