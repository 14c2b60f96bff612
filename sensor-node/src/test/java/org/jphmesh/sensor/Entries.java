package org.jphmesh.sensor;

import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;

/** Config entries for driver tests, written as the JSON a user would write. */
public final class Entries {

    private Entries() {
    }

    /** A one-entry config from the entry's JSON object, plus extra entries (e.g. proxies). */
    public static MeshConfig config(String entryJson, String... more) {
        StringBuilder sensors = new StringBuilder(entryJson);
        for (String extra : more) {
            sensors.append(',').append(extra);
        }
        return ConfigLoader.parse("{\"Sensors\":[" + sensors + "]}", "test");
    }

    public static SensorConfig entry(MeshConfig config, String code) {
        return config.sensor(Codifier.of(code)).orElseThrow();
    }
}
