package org.jphmesh.sensor.driver;

import java.net.URI;

/** Drivers' use of the bus's {@link org.jphmesh.bus.transport.NetworkGuard}: a refused host makes the driver unavailable. */
public final class NetworkGuard {

    private NetworkGuard() {
    }

    /** Throws {@link DriverUnavailableException} naming the host and the property when {@code uri} is refused. */
    public static void check(URI uri, String who) {
        org.jphmesh.bus.transport.NetworkGuard.refusal(uri).ifPresent(reason -> {
            throw new DriverUnavailableException(who + ": " + reason);
        });
    }
}
