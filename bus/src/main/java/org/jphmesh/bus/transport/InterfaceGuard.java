package org.jphmesh.bus.transport;

import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the configured multicast interface and, when the allow-list system property is set, refuses
 * every interface not on it. The test suite, the benchmarks and the demo set it to {@code lo}, so a
 * mistake in a test config fails loudly instead of sending datagrams onto a real network.
 *
 * <p>With no interface configured (legacy config files name none) the first interface that is up,
 * multicast-capable, not loopback and has an IPv4 address is chosen and logged, which is what the
 * operating system's default route gives a Pi with one network.
 */
public final class InterfaceGuard {

    /** Comma-separated interface names multicast may use, e.g. {@code lo}; unset means any. */
    public static final String ALLOWED_INTERFACES_PROPERTY = "jph.multicast.allowed-interfaces";

    private static final Logger LOG = LoggerFactory.getLogger(InterfaceGuard.class);

    /** What the default choice needs to know of an interface. */
    public record Candidate(String name, boolean up, boolean loopback, boolean multicast, boolean virtual,
                            boolean hasIpv4) {
    }

    private InterfaceGuard() {
    }

    /** The interface to use for {@code name}, or the default choice when no name is configured. */
    public static NetworkInterface resolve(String name) {
        Set<String> allowed = allowedInterfaces();
        if (name == null || name.isBlank()) {
            if (!allowed.isEmpty()) {
                throw new IllegalStateException("no multicast interface configured (Multicast.Interface), but "
                        + ALLOWED_INTERFACES_PROPERTY + "=" + String.join(",", allowed)
                        + " requires one of those to be named explicitly");
            }
            String chosen = chooseDefault(candidates()).orElseThrow(() -> new NetworkNotReadyException(
                    "no network interface is up with multicast and IPv4; name one in Multicast.Interface"));
            LOG.info("Multicast.Interface not set; using {}", chosen);
            return lookup(chosen);
        }
        if (!allowed.isEmpty() && !allowed.contains(name)) {
            throw new IllegalStateException("multicast interface '" + name + "' refused: "
                    + ALLOWED_INTERFACES_PROPERTY + " allows only " + String.join(",", allowed));
        }
        return lookup(name);
    }

    /** The default: the first candidate that is up, multicast-capable, physical, not loopback, with IPv4. */
    public static Optional<String> chooseDefault(List<Candidate> candidates) {
        return candidates.stream()
                .filter(c -> c.up() && c.multicast() && !c.loopback() && !c.virtual() && c.hasIpv4())
                .map(Candidate::name)
                .findFirst();
    }

    static Set<String> allowedInterfaces() {
        String value = System.getProperty(ALLOWED_INTERFACES_PROPERTY, "");
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static NetworkInterface lookup(String name) {
        try {
            NetworkInterface found = NetworkInterface.getByName(name);
            if (found == null) {
                throw new NetworkNotReadyException("multicast interface '" + name + "' does not exist on this host");
            }
            Optional<String> notReady = notReady(candidate(found));
            if (notReady.isPresent()) {
                throw new NetworkNotReadyException(notReady.get());
            }
            return found;
        } catch (SocketException e) {
            throw new IllegalStateException("cannot look up multicast interface '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Why a named interface cannot carry the buses yet (down, or no IPv4 address: Wi-Fi at boot), if it cannot. */
    public static Optional<String> notReady(Candidate candidate) {
        if (!candidate.up()) {
            return Optional.of("multicast interface '" + candidate.name() + "' is not up yet");
        }
        if (!candidate.hasIpv4()) {
            return Optional.of("multicast interface '" + candidate.name() + "' has no IPv4 address yet");
        }
        return Optional.empty();
    }

    private static Candidate candidate(NetworkInterface ni) throws SocketException {
        boolean ipv4 = Collections.list(ni.getInetAddresses()).stream().anyMatch(a -> a instanceof Inet4Address);
        return new Candidate(ni.getName(), ni.isUp(), ni.isLoopback(), ni.supportsMulticast(), ni.isVirtual(), ipv4);
    }

    private static List<Candidate> candidates() {
        List<Candidate> candidates = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                candidates.add(candidate(ni));
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list network interfaces: " + e.getMessage(), e);
        }
        return candidates;
    }
}
