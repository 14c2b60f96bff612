package org.jphmesh.router.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;

/**
 * Which frames a link lets out: by bus, by flag letter and by sender codifier. An absent key allows
 * everything; a codifier pattern is either exact ({@code Q1}) or a first character and {@code *} ({@code G*}).
 *
 * @param buses            {@code control} and/or {@code data}
 * @param flags            the flag letters allowed, e.g. {@code "IPTfijsn"}
 * @param codifiers        senders allowed
 * @param excludeCodifiers senders refused, even when {@code codifiers} allows them
 */
public record LinkFilter(@JsonProperty("Buses") List<String> buses,
                         @JsonProperty("Flags") String flags,
                         @JsonProperty("Codifiers") List<String> codifiers,
                         @JsonProperty("ExcludeCodifiers") List<String> excludeCodifiers) {

    public static final LinkFilter ALLOW_ALL = new LinkFilter(null, null, null, null);

    public LinkFilter {
        buses = buses == null ? null : List.copyOf(buses);
        codifiers = codifiers == null ? null : List.copyOf(codifiers);
        excludeCodifiers = excludeCodifiers == null ? List.of() : List.copyOf(excludeCodifiers);
    }

    /** Checks every value, naming {@code key} (e.g. {@code R1.Sensor.Links[0].Filter}) in the message. */
    public Compiled compile(String key) {
        Set<BusChannel> allowedBuses = EnumSet.noneOf(BusChannel.class);
        if (buses == null) {
            allowedBuses.addAll(EnumSet.allOf(BusChannel.class));
        } else {
            for (String bus : buses) {
                allowedBuses.add(bus(bus, key + ".Buses"));
            }
        }
        boolean[] allowedFlags = new boolean[256];
        if (flags == null) {
            for (Flag flag : Flag.values()) {
                allowedFlags[flag.code() & 0xFF] = true;
            }
        } else {
            for (char letter : flags.toCharArray()) {
                try {
                    allowedFlags[Flag.fromLetter(String.valueOf(letter)).code() & 0xFF] = true;
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(key + ".Flags: " + e.getMessage());
                }
            }
        }
        return new Compiled(Set.copyOf(allowedBuses), allowedFlags,
                codifiers == null ? null : patterns(codifiers, key + ".Codifiers"),
                patterns(excludeCodifiers, key + ".ExcludeCodifiers"));
    }

    private static BusChannel bus(String name, String key) {
        for (BusChannel channel : BusChannel.values()) {
            if (channel.label().equalsIgnoreCase(name) || channel.name().equalsIgnoreCase(name)) {
                return channel;
            }
        }
        throw new ConfigException(key + ": '" + name + "' is not a bus; use \"control\" or \"data\"");
    }

    private static List<String> patterns(List<String> list, String key) {
        for (String pattern : list) {
            boolean wildcard = pattern != null && pattern.length() == 2 && pattern.charAt(1) == '*';
            if (!wildcard) {
                try {
                    Codifier.of(pattern);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(key + ": '" + pattern + "' is neither a codifier nor a pattern like G*");
                }
            }
        }
        return List.copyOf(list);
    }

    /** The filter in the form the forwarding path asks: one table read per flag. */
    public record Compiled(Set<BusChannel> buses, boolean[] flags, List<String> codifiers, List<String> excluded) {

        public boolean allows(Flag flag, Codifier from) {
            if (!buses.contains(flag.channel()) || !flags[flag.code() & 0xFF]) {
                return false;
            }
            String sender = from.value();
            if (codifiers != null && !anyMatches(codifiers, sender)) {
                return false;
            }
            return excluded.isEmpty() || !anyMatches(excluded, sender);
        }

        // A loop, not a stream: this runs for every frame on every link.
        private static boolean anyMatches(List<String> patterns, String codifier) {
            for (String pattern : patterns) {
                if (matches(pattern, codifier)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean matches(String pattern, String codifier) {
            return pattern.charAt(1) == '*' ? pattern.charAt(0) == codifier.charAt(0) : pattern.equals(codifier);
        }

        @Override
        public String toString() {
            return "buses " + buses.toString().toLowerCase(Locale.ROOT) + (codifiers == null ? "" : ", from " + codifiers)
                    + (excluded.isEmpty() ? "" : ", not from " + excluded);
        }
    }
}
