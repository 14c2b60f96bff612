package org.jphmesh.bus.transport;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Collections;
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
 * <p>With no interface configured (legacy config files name none) the interface is the one the kernel routes
 * the control group through, loopback included, and it is logged. That is what the legacy nodes get by joining
 * with {@code INADDR_ANY}, so a mixed mesh stays one mesh on a host with several interfaces, and runs in a
 * namespace whose only interface is {@code lo}.
 */
public final class InterfaceGuard {

    /** Comma-separated interface names multicast may use, e.g. {@code lo}; unset means any. */
    public static final String ALLOWED_INTERFACES_PROPERTY = "jph.multicast.allowed-interfaces";

    private static final Logger LOG = LoggerFactory.getLogger(InterfaceGuard.class);

    /** What readiness needs to know of an interface. */
    public record Candidate(String name, boolean up, boolean hasIpv4) {
    }

    private InterfaceGuard() {
    }

    /**
     * The interface to use for {@code name}, or, when none is configured, the one the kernel routes {@code group}
     * through.
     */
    public static NetworkInterface resolve(String name, InetSocketAddress group) {
        Set<String> allowed = allowedInterfaces();
        if (name == null || name.isBlank()) {
            String routed = routedInterface(group).orElseThrow(() -> new NetworkNotReadyException(
                    "Multicast.Interface is not set and no interface has a route to " + group.getAddress().getHostAddress()
                            + " yet; name one in Multicast.Interface"));
            if (!allowed.isEmpty() && !allowed.contains(routed)) {
                throw new IllegalStateException("Multicast.Interface is not set and the route to "
                        + group.getAddress().getHostAddress() + " goes through " + routed + ", which "
                        + ALLOWED_INTERFACES_PROPERTY + " refuses (it allows only " + String.join(",", allowed)
                        + "); name one in Multicast.Interface");
            }
            LOG.info("Multicast.Interface not set; using {}, the route to {}", routed, group.getAddress().getHostAddress());
            return lookup(routed);
        }
        if (!allowed.isEmpty() && !allowed.contains(name)) {
            throw new IllegalStateException("multicast interface '" + name + "' refused: "
                    + ALLOWED_INTERFACES_PROPERTY + " allows only " + String.join(",", allowed));
        }
        return lookup(name);
    }

    /**
     * The interface the kernel routes {@code group} through: the device of the most specific route in its table
     * (what a join with {@code INADDR_ANY} uses). Where the table cannot be read, a connected UDP socket asks the
     * kernel instead, and its source address names the interface (nothing is sent); that answer can name another
     * device when the route's own has no address of global scope ({@code dev lo}), so it only comes second.
     */
    public static Optional<String> routedInterface(InetSocketAddress group) {
        if (group.getAddress() instanceof Inet4Address ipv4) {
            Optional<String> routed = RouteTable.interfaceFor(ipv4);
            if (routed.isPresent()) {
                return routed;
            }
        }
        try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
            probe.connect(group);
            InetAddress source = ((InetSocketAddress) probe.getLocalAddress()).getAddress();
            return source.isAnyLocalAddress() ? Optional.empty()
                    : Optional.ofNullable(NetworkInterface.getByInetAddress(source)).map(NetworkInterface::getName);
        } catch (IOException e) {
            // "Network is unreachable": no route yet (Wi-Fi at boot), which the caller reports as not ready.
            return Optional.empty();
        }
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

    /** Why an interface cannot carry the buses yet (down, or no IPv4 address: Wi-Fi at boot), if it cannot. */
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
        return new Candidate(ni.getName(), ni.isUp(), ipv4);
    }
}
