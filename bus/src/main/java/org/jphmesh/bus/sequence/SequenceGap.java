package org.jphmesh.bus.sequence;

import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;

/**
 * Numbers a stream skipped: {@code count} of them from {@code first} on, modulo 2^31. What a receiver that
 * repairs loss asks the sender for.
 */
public record SequenceGap(Codifier codifier, BusChannel channel, long first, long count) {
}
