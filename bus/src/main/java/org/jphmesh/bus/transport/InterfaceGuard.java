package org.jphmesh.bus.transport;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves the configured multicast interface and, when the allow-list system property is set, refuses
 * every interface not on it. The test suite, the benchmarks and the demo set it to {@code lo}, so a
 * mistake in a test config fails loudly instead of sending datagrams onto a real network.
 */
public final class InterfaceGuard {

    /** Comma-separated interface names multicast may use, e.g. {@code lo}; unset means any. */
    public static final String ALLOWED_INTERFACES_PROPERTY = "jph.multicast.allowed-interfaces";

    private InterfaceGuard() {
    }

    /**
     * The interface to use for {@code name}, or {@code null} to let the operating system choose
     * (only when no name is configured and no allow-list is set).
     */
    public static NetworkInterface resolve(String name) {
        Set<String> allowed = allowedInterfaces();
        if (name == null || name.isBlank()) {
            if (!allowed.isEmpty()) {
                throw new IllegalStateException("no multicast interface configured (Multicast.Interface), but "
                        + ALLOWED_INTERFACES_PROPERTY + "=" + String.join(",", allowed)
                        + " requires one of those to be named explicitly");
            }
            return null;
        }
        if (!allowed.isEmpty() && !allowed.contains(name)) {
            throw new IllegalStateException("multicast interface '" + name + "' refused: "
                    + ALLOWED_INTERFACES_PROPERTY + " allows only " + String.join(",", allowed));
        }
        try {
            NetworkInterface found = NetworkInterface.getByName(name);
            if (found == null) {
                throw new IllegalStateException("multicast interface '" + name + "' does not exist on this host");
            }
            return found;
        } catch (SocketException e) {
            throw new IllegalStateException("cannot look up multicast interface '" + name + "': " + e.getMessage(), e);
        }
    }

    static Set<String> allowedInterfaces() {
        String value = System.getProperty(ALLOWED_INTERFACES_PROPERTY, "");
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
