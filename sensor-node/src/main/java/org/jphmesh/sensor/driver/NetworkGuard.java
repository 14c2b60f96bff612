package org.jphmesh.sensor.driver;

import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The outbound counterpart of the multicast interface allow-list: when {@code jph.net.allowed-hosts} is
 * set (the test suite sets it to the loopback names), drivers refuse to contact any other host, so a
 * legacy config pointing at a LAN device can be run in a test without reaching for it.
 */
public final class NetworkGuard {

    public static final String ALLOWED_HOSTS_PROPERTY = "jph.net.allowed-hosts";

    private NetworkGuard() {
    }

    /** Throws {@link DriverUnavailableException} naming the host and the property when {@code uri} is refused. */
    public static void check(URI uri, String who) {
        String value = System.getProperty(ALLOWED_HOSTS_PROPERTY, "");
        Set<String> allowed = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        String host = uri.getHost();
        if (host == null) {
            throw new DriverUnavailableException(who + ": '" + uri + "' names no host");
        }
        if (!allowed.isEmpty() && !allowed.contains(host)) {
            throw new DriverUnavailableException(who + ": host " + host + " refused: " + ALLOWED_HOSTS_PROPERTY
                    + " allows only " + String.join(",", allowed));
        }
    }
}
