package org.jphmesh.bus.frame;

/**
 * What a frame carries after its 28-byte header. Control frames carry {@link ControlPayload};
 * data frames carry one of the {@link DataPayload} kinds, each bound to one data flag.
 */
public sealed interface Payload permits ControlPayload, DataPayload {
}
