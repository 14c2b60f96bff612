package org.jphmesh.sensor.alert.notify;

import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;

/** Refuses a key a notification block does not know: a misspelt {@code Webhok} would otherwise silently send nothing. */
final class KnownKeys {

    private KnownKeys() {
    }

    static void check(ConfigBlock block, Set<String> known) {
        for (Iterator<String> keys = block.json().fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!known.contains(key)) {
                throw new ConfigException(block.label() + "." + key + " is not a key here; the keys are "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }
}
