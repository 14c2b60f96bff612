package org.jphmesh.sensor.alert;

import java.util.Optional;
import java.util.function.Function;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.sequence.SequenceStats;
import org.jphmesh.sensor.driver.LatestValues;

/** What conditions read: the frames heard, the latest values, and the node's sequence accounting of each codifier's readings. */
record MeshWatch(HeardFrames heard, LatestValues latest, Function<Codifier, Optional<SequenceStats>> sequence) {
}
