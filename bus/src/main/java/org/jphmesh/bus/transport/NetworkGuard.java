package org.jphmesh.bus.transport;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The outbound counterpart of the multicast interface allow-list: when {@code jph.net.allowed-hosts} is
 * set (the test suite sets it to the loopback names), programs refuse to contact any other host (HTTP
 * drivers, MQTT brokers), so a legacy config pointing at a LAN device can run in a test without reaching it.
 */
public final class NetworkGuard {

    public static final String ALLOWED_HOSTS_PROPERTY = "jph.net.allowed-hosts";

    private NetworkGuard() {
    }

    /** Why {@code uri} may not be contacted, or empty when it may. */
    public static Optional<String> refusal(URI uri) {
        String value = System.getProperty(ALLOWED_HOSTS_PROPERTY, "");
        Set<String> allowed = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        String host = uri.getHost();
        if (host == null) {
            return Optional.of("'" + uri + "' names no host");
        }
        if (!allowed.isEmpty() && !allowed.contains(host)) {
            return Optional.of("host " + host + " refused: " + ALLOWED_HOSTS_PROPERTY + " allows only " + String.join(",", allowed));
        }
        return Optional.empty();
    }
}
