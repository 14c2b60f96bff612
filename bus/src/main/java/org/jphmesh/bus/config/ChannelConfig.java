package org.jphmesh.bus.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * One bus: {@code "Address"} (an IPv4 multicast group) and {@code "Port"}. The loader reads these keys by hand;
 * the annotations are for the router, whose links name their own channels and are bound by Jackson.
 */
public record ChannelConfig(@JsonProperty("Address") String address, @JsonProperty("Port") Integer port) {

    public static final ChannelConfig LEGACY_CONTROL = new ChannelConfig("226.0.0.221", 7001);
    public static final ChannelConfig LEGACY_DATA = new ChannelConfig("226.0.0.222", 7002);

    /** Checks the values, naming {@code key} (e.g. {@code Multicast.Control-Channel}) in the message. */
    public void validate(String key) {
        if (address == null) {
            throw new ConfigException(key + ".Address is missing");
        }
        if (port == null) {
            throw new ConfigException(key + ".Port is missing");
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException(key + ".Port must be 1..65535, not " + port);
        }
        if (!isMulticastGroup(address)) {
            throw new ConfigException(key + ".Address must be an IPv4 multicast group (224.0.0.0 to 239.255.255.255), not '"
                    + address + "'");
        }
    }

    // Parsed by hand: no name lookup, and 300.0.0.1 is refused with the key named.
    private static boolean isMulticastGroup(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        int first = Integer.parseInt(octets[0]);
        return first >= 224 && first <= 239;
    }

    public InetSocketAddress socketAddress() {
        try {
            return new InetSocketAddress(InetAddress.getByName(address), port);
        } catch (UnknownHostException e) {
            throw new ConfigException("'" + address + "' is not an IP address", e);
        }
    }
}
