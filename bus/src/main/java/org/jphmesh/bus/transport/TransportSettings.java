package org.jphmesh.bus.transport;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.jphmesh.bus.auth.FrameAuthenticator;
import org.jphmesh.bus.frame.BusChannel;

/**
 * Where and how a transport sends and listens: one multicast group per bus, the interface, TTL and
 * loopback. {@code interfaceName} {@code null} lets the operating system choose, as the legacy nodes did;
 * {@code authenticator} {@code null} is unsigned frames (legacy).
 */
public record TransportSettings(InetSocketAddress controlGroup, InetSocketAddress dataGroup, String interfaceName,
                                int ttl, boolean loopback, int receiveBufferBytes, FrameAuthenticator authenticator) {

    /**
     * Large enough to ride out a third of a second at 100,000 frames/s on a busy machine. The kernel caps it at
     * {@code net.core.rmem_max}, which the collector's and router's packages raise to this; it costs memory only
     * while datagrams wait.
     */
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 32 * 1024 * 1024;

    public TransportSettings {
        Objects.requireNonNull(controlGroup, "controlGroup");
        Objects.requireNonNull(dataGroup, "dataGroup");
        if (!controlGroup.getAddress().isMulticastAddress() || !dataGroup.getAddress().isMulticastAddress()) {
            throw new IllegalArgumentException("bus addresses must be multicast groups: " + controlGroup + ", " + dataGroup);
        }
        if (controlGroup.equals(dataGroup)) {
            throw new IllegalArgumentException("control and data bus must differ in group or port: " + controlGroup);
        }
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("TTL must be 0..255, not " + ttl);
        }
        if (receiveBufferBytes <= 0) {
            throw new IllegalArgumentException("receive buffer must be > 0 bytes, not " + receiveBufferBytes);
        }
    }

    public InetSocketAddress group(BusChannel channel) {
        return channel == BusChannel.CONTROL ? controlGroup : dataGroup;
    }
}
