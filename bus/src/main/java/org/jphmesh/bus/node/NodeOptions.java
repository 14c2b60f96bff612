package org.jphmesh.bus.node;

import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;

/**
 * How to start a {@link Node}.
 *
 * @param configLocation path or http(s) URL of config.json; reloaded from here on {@code C}
 * @param config         the config already loaded from {@code configLocation}, or {@code null} to load it
 * @param adHocType      for programs that may run without an entry of their own (a console): the entry type
 *                       to assume; {@code null} requires an entry
 * @param stopOnDuplicate give way (stop) when evidence shows a newer instance of its codifier runs, as a sensor node
 *                       does; false for programs that must never stop for it (collector, dashboard, router, console),
 *                       which report the conflict instead (see {@link DuplicateWatch})
 * @param eventLoopGroup I/O threads to share between nodes of one process, or {@code null} for the node's own
 * @param interfaceOverride interface to use whatever the config says (a command-line {@code -I}), or {@code null};
 *                       applied again after every reload
 * @param readsData      false for a node that only sends readings and never reads any (a router's own node): its
 *                       data-bus socket is send-only, so a busy data bus costs it nothing
 */
public record NodeOptions(Codifier codifier, String configLocation, MeshConfig config, String adHocType,
                          boolean stopOnDuplicate, Clock clock, RandomGenerator random, EventLoopGroup eventLoopGroup,
                          String interfaceOverride, boolean readsData) {

    public NodeOptions {
        Objects.requireNonNull(codifier, "codifier");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        if (codifier.isBroadcast()) {
            throw new IllegalArgumentException("a node cannot be @@: that codifier addresses everyone");
        }
        if (configLocation == null && config == null) {
            throw new IllegalArgumentException("a node needs a config location or a loaded config");
        }
    }

    /** A node that loads its entry from {@code configLocation}. */
    public static NodeOptions of(Codifier codifier, String configLocation) {
        return new NodeOptions(codifier, configLocation, null, null, true, Clock.systemUTC(),
                RandomGenerator.getDefault(), null, null, true);
    }

    public NodeOptions withConfig(MeshConfig loaded) {
        return new NodeOptions(codifier, configLocation, loaded, adHocType, stopOnDuplicate, clock, random, eventLoopGroup, interfaceOverride, readsData);
    }

    public NodeOptions withAdHocType(String type) {
        return new NodeOptions(codifier, configLocation, config, type, stopOnDuplicate, clock, random, eventLoopGroup, interfaceOverride, readsData);
    }

    public NodeOptions withStopOnDuplicate(boolean stop) {
        return new NodeOptions(codifier, configLocation, config, adHocType, stop, clock, random, eventLoopGroup, interfaceOverride, readsData);
    }

    public NodeOptions withClock(Clock other) {
        return new NodeOptions(codifier, configLocation, config, adHocType, stopOnDuplicate, other, random, eventLoopGroup, interfaceOverride, readsData);
    }

    public NodeOptions withInterfaceOverride(String name) {
        return new NodeOptions(codifier, configLocation, config, adHocType, stopOnDuplicate, clock, random,
                eventLoopGroup, name, readsData);
    }

    /** The config as this node should use it: {@code loaded}, with the interface override applied. */
    MeshConfig effective(MeshConfig loaded) {
        return interfaceOverride == null ? loaded : loaded.withInterface(interfaceOverride);
    }

    /** A node whose data bus is send-only: it sends readings but is handed none (see {@code readsData}). */
    public NodeOptions withoutReadingData() {
        return new NodeOptions(codifier, configLocation, config, adHocType, stopOnDuplicate, clock, random, eventLoopGroup,
                interfaceOverride, false);
    }

    public NodeOptions withEventLoopGroup(EventLoopGroup group) {
        return new NodeOptions(codifier, configLocation, config, adHocType, stopOnDuplicate, clock, random, group, interfaceOverride, readsData);
    }
}
