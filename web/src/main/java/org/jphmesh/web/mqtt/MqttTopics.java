package org.jphmesh.web.mqtt;

import java.util.HexFormat;

/**
 * The topic layout of the bridge, in one place. A codifier is two printable ASCII characters and may be
 * {@code +}, {@code #} or {@code /}, which MQTT reads as wildcards or levels; so a codifier of letters and
 * digits is its own topic level ({@code jph/Q5/state}) and any other is {@code _} and its four hex digits
 * ({@code A#} is {@code jph/_4123/state}). The two spellings cannot collide: one is 2 characters, the other 5.
 */
record MqttTopics(String prefix, String discoveryPrefix) {

    static final String ONLINE = "online";
    static final String OFFLINE = "offline";

    static MqttTopics of(MqttSettings settings) {
        return new MqttTopics(settings.topicPrefix(), settings.discoveryPrefix());
    }

    /** The topic level (and Home Assistant object id part) for a codifier. */
    static String level(String code) {
        if (code.length() == 2 && code.chars().allMatch(MqttTopics::plain)) {
            return code;
        }
        StringBuilder out = new StringBuilder("_");
        code.chars().forEach(c -> out.append(HexFormat.of().withUpperCase().toHexDigits((byte) c)));
        return out.toString();
    }

    /** The codifier a topic level stands for; a level that is neither spelling comes back as it is. */
    static String code(String level) {
        if (level.length() == 5 && level.charAt(0) == '_') {
            try {
                byte[] bytes = HexFormat.of().parseHex(level, 1, 5);
                return new String(new char[] {(char) (bytes[0] & 0xFF), (char) (bytes[1] & 0xFF)});
            } catch (IllegalArgumentException e) {
                return level;
            }
        }
        return level;
    }

    private static boolean plain(int c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    String state(String code) {
        return sensor(code, "state");
    }

    String attributes(String code) {
        return sensor(code, "attributes");
    }

    String availability(String code) {
        return sensor(code, "availability");
    }

    /** ON or OFF: whether a node is active (started) or halted. */
    String active(String node) {
        return sensor(node, "active");
    }

    String set(String code) {
        return sensor(code, "set");
    }

    String command(String code) {
        return sensor(code, "cmd");
    }

    String setFilter() {
        return prefix + "/+/set";
    }

    String commandFilter() {
        return prefix + "/+/cmd";
    }

    String bridgeAvailability() {
        return prefix + "/bridge/availability";
    }

    String bridgeError() {
        return prefix + "/bridge/error";
    }

    /** Where Home Assistant announces itself (its birth message), or null when discovery is off. */
    String discoveryStatus() {
        return discoveryPrefix == null ? null : discoveryPrefix + "/status";
    }

    /** {@code <discovery_prefix>/<component>/<object_id>/config}, the layout Home Assistant listens on. */
    String discoveryConfig(String component, String objectId) {
        return discoveryPrefix + "/" + component + "/" + objectId + "/config";
    }

    private String sensor(String code, String leaf) {
        return prefix + "/" + level(code) + "/" + leaf;
    }
}
