package org.jphmesh.bus.config;

import java.time.Clock;
import org.jphmesh.bus.transport.TransportSettings;

/**
 * The {@code "Multicast"} section. The legacy file has only the two channels; {@code Interface},
 * {@code TTL}, {@code Loopback}, {@code ReceiveBufferBytes}, {@code Auth} and {@code Resend} are this project's
 * optional additions.
 *
 * @param interfaceName network interface for both buses, e.g. {@code lo} or {@code wlan0}; absent lets the OS choose
 * @param ttl           multicast TTL, default 1 (stays on the local network segment)
 * @param loopback      deliver to other nodes on the same host, default true
 * @param resend        loss repair: collectors ask for lost readings with {@code R}, nodes keep their recent
 *                      readings to answer. Default false, because a legacy node crashes on a flag it does not know
 */
public record MulticastConfig(ChannelConfig control,
                              ChannelConfig data,
                              String interfaceName,
                              Integer ttl,
                              Boolean loopback,
                              Integer receiveBufferBytes,
                              AuthConfig auth,
                              Boolean resend) {

    public static final MulticastConfig LEGACY_DEFAULT =
            new MulticastConfig(null, null, null, null, null, null, null, null);

    public MulticastConfig {
        control = control == null ? ChannelConfig.LEGACY_CONTROL : control;
        data = data == null ? ChannelConfig.LEGACY_DATA : data;
        ttl = ttl == null ? 1 : ttl;
        loopback = loopback == null ? Boolean.TRUE : loopback;
        receiveBufferBytes = receiveBufferBytes == null ? TransportSettings.DEFAULT_RECEIVE_BUFFER_BYTES : receiveBufferBytes;
        auth = auth == null ? AuthConfig.OFF : auth;
        // Off unless asked for: one R on a bus with legacy nodes would crash every one of them.
        resend = resend == null ? Boolean.FALSE : resend;
    }

    void validate() {
        control.validate("Multicast.Control-Channel");
        data.validate("Multicast.Data-Channel");
        if (control.socketAddress().equals(data.socketAddress())) {
            throw new ConfigException("Multicast.Control-Channel and Multicast.Data-Channel must differ in Address or Port");
        }
        if (ttl < 0 || ttl > 255) {
            throw new ConfigException("Multicast.TTL must be 0..255, not " + ttl);
        }
        if (interfaceName != null && interfaceName.isBlank()) {
            throw new ConfigException("Multicast.Interface must name an interface (e.g. lo) or be left out");
        }
        if (receiveBufferBytes < 65536) {
            throw new ConfigException("Multicast.ReceiveBufferBytes must be >= 65536, not " + receiveBufferBytes);
        }
        auth.authenticator(Clock.systemUTC());
    }

    /** A copy that uses another interface, e.g. to force {@code lo} in tests. */
    public MulticastConfig withInterface(String name) {
        return new MulticastConfig(control, data, name, ttl, loopback, receiveBufferBytes, auth, resend);
    }

    /** A copy with loss repair switched on or off. */
    public MulticastConfig withResend(boolean on) {
        return new MulticastConfig(control, data, interfaceName, ttl, loopback, receiveBufferBytes, auth, on);
    }

    public TransportSettings transportSettings() {
        return new TransportSettings(control.socketAddress(), data.socketAddress(), interfaceName, ttl, loopback,
                receiveBufferBytes, auth.authenticator(Clock.systemUTC()));
    }
}
