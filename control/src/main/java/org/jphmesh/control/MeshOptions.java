package org.jphmesh.control;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.jphmesh.app.roles.EntryTypes;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.node.BusListener;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.bus.node.NodeOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The options every subcommand shares, named as in the legacy tools: {@code -u} config, {@code -c} own codifier. */
final class MeshOptions {

    @Option(names = {"-u", "--config"}, scope = ScopeType.INHERIT, defaultValue = "${JPH_CONFIG:-config.json}",
            description = "config.json path or http(s) URL (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = {"-c", "--code"}, scope = ScopeType.INHERIT,
            description = "this tool's own codifier (default: JC, or the first of J0..J9, JA..JZ the config does not"
                    + " name, so no running program shares it); not a count: ping counts with -n")
    String code;

    @Option(names = {"-I", "--interface"}, scope = ScopeType.INHERIT,
            description = "network interface for both buses, overriding the config's Multicast.Interface")
    String interfaceName;

    /** Joins the mesh as a console node that does not stop when another console uses the same codifier. */
    Node join(NodeCallbacks callbacks) {
        return join(load(), callbacks);
    }

    /** As {@link #join(NodeCallbacks)}, with the config the command has loaded already. */
    Node join(MeshConfig loaded, NodeCallbacks callbacks) {
        NodeOptions options = NodeOptions.of(self(loaded), config).withConfig(loaded).withAdHocType("ControlProgram")
                .withStopOnDuplicate(false).withInterfaceOverride(interfaceName);
        return Node.start(options, callbacks);
    }

    /** Listens to both buses without joining: every frame, from every sender, nothing announced. */
    BusListener listen(BiConsumer<Frame, InetSocketAddress> onFrame) {
        MeshConfig loaded = load();
        return BusListener.open(loaded, self(loaded).value(), onFrame);
    }

    /** The config, with {@code -I} applied. */
    MeshConfig load() {
        MeshConfig loaded = EntryTypes.warnUnknown(ConfigLoader.load(config), config);
        return interfaceName == null ? loaded : loaded.withInterface(interfaceName);
    }

    /** This tool's codifier: {@code -c}, else {@link #defaultCode}. */
    Codifier self(MeshConfig loaded) {
        return code != null ? parseCodifier(code, "--code") : defaultCode(loaded);
    }

    static Codifier parseCodifier(String value, String what) {
        try {
            return Codifier.of(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage());
        }
    }

    /**
     * A codifier no running program uses: every legacy and Java program needs an entry of its own, so one the config
     * does not name is free. A console's entry ({@code CC}) is not: joining as it made the running Python console
     * exit, as the legacy nodes do for a newer instance of their codifier. Fixed rather than random, so the legacy
     * Redis and the dashboard see one tool, not a new codifier per run.
     */
    static Codifier defaultCode(MeshConfig config) {
        List<String> candidates = new ArrayList<>(List.of("JC"));
        for (char c : "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray()) {
            candidates.add("J" + c);
        }
        return candidates.stream().map(Codifier::of).filter(code -> config.sensor(code).isEmpty()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the config names every codifier from JC and J0 to JZ;"
                        + " give this tool one no program uses with -c"));
    }
}
