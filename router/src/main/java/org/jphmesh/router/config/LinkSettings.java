package org.jphmesh.router.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.InetSocketAddress;
import org.jphmesh.bus.config.ChannelConfig;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.MulticastConfig;
import org.jphmesh.bus.transport.TransportSettings;

/**
 * One link of a router, from {@code Sensor.Links[]}: either a multicast segment ({@code Interface}, and the
 * groups, which default to the mesh's {@code Multicast} channels) or a unicast UDP link to another router
 * ({@code Listen} and {@code Peer}, host:port). {@code Name} names the segment mesh-wide: two routers on the
 * same segment, or at the two ends of one unicast link, give it the same name.
 *
 * @param legacy the segment holds legacy Python nodes: frames go out exactly as the legacy format has them
 *               (no route trailer, no signature, none of the new flags), and frames from it are trusted and
 *               signed on their way into signed segments
 */
public record LinkSettings(@JsonProperty("Name") String name,
                           @JsonProperty("Interface") String interfaceName,
                           @JsonProperty("Control-Channel") ChannelConfig control,
                           @JsonProperty("Data-Channel") ChannelConfig data,
                           @JsonProperty("TTL") Integer ttl,
                           @JsonProperty("Loopback") Boolean loopback,
                           @JsonProperty("Listen") String listen,
                           @JsonProperty("Peer") String peer,
                           @JsonProperty("Legacy") Boolean legacy,
                           @JsonProperty("Filter") LinkFilter filter,
                           @JsonProperty("RateLimit") RateLimit rateLimit) {

    public LinkSettings {
        legacy = legacy != null && legacy;
        filter = filter == null ? LinkFilter.ALLOW_ALL : filter;
    }

    public boolean unicast() {
        return peer != null || listen != null;
    }

    /** Checks the link, naming {@code key} (e.g. {@code R1.Sensor.Links[0]}) in every message. */
    void validate(String key) {
        if (name == null || name.isBlank()) {
            throw new ConfigException(key + ".Name is missing: every link names its segment, e.g. \"house\"");
        }
        if (unicast()) {
            if (interfaceName != null || control != null || data != null) {
                throw new ConfigException(key + " has Peer/Listen and multicast keys; a link is either a unicast"
                        + " link (Listen, Peer) or a multicast segment (Interface, Control-Channel, Data-Channel)");
            }
            if (legacy) {
                throw new ConfigException(key + ".Legacy: legacy nodes only speak multicast; a unicast link joins routers");
            }
            address(listen, key + ".Listen");
            address(peer, key + ".Peer");
        } else {
            if (interfaceName == null || interfaceName.isBlank()) {
                throw new ConfigException(key + ".Interface is missing: a segment names its network interface, e.g. \"eth0\"");
            }
            if (control != null) {
                control.validate(key + ".Control-Channel");
            }
            if (data != null) {
                data.validate(key + ".Data-Channel");
            }
            if (ttl != null && (ttl < 0 || ttl > 255)) {
                throw new ConfigException(key + ".TTL must be 0..255, not " + ttl);
            }
        }
        filter.compile(key + ".Filter");
        if (rateLimit != null) {
            rateLimit.validate(key + ".RateLimit");
        }
    }

    /** The sockets of a multicast segment: its own groups and interface, the mesh's for what it leaves out. */
    public TransportSettings transportSettings(MulticastConfig mesh) {
        ChannelConfig controlGroup = control == null ? mesh.control() : control;
        ChannelConfig dataGroup = data == null ? mesh.data() : data;
        return new TransportSettings(controlGroup.socketAddress(), dataGroup.socketAddress(), interfaceName,
                ttl == null ? mesh.ttl() : ttl, loopback == null ? mesh.loopback() : loopback,
                mesh.receiveBufferBytes(), null);
    }

    public InetSocketAddress listenAddress() {
        return address(listen, "Listen");
    }

    public InetSocketAddress peerAddress() {
        return address(peer, "Peer");
    }

    private static InetSocketAddress address(String hostPort, String key) {
        int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
        if (colon < 1) {
            throw new ConfigException(key + " must be host:port, e.g. \"10.8.0.2:17100\", not " + hostPort);
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(hostPort.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": '" + hostPort.substring(colon + 1) + "' is not a port (1..65535)");
        }
    }
}
