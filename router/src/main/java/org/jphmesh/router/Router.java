package org.jphmesh.router;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jphmesh.bus.auth.FrameAuthenticator;
import org.jphmesh.bus.config.AuthConfig;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.MulticastConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.metrics.BusCounters;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.DuplicateInstance;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.transport.MulticastTransport;
import org.jphmesh.router.config.LinkSettings;
import org.jphmesh.router.config.RouterSettings;
import org.jphmesh.router.forward.ForwardingEngine;
import org.jphmesh.router.forward.LinkInbound;
import org.jphmesh.router.link.Link;
import org.jphmesh.router.link.MulticastOutlet;
import org.jphmesh.router.link.Outlet;
import org.jphmesh.router.link.UnicastOutlet;
import org.jphmesh.router.stats.RouterStatistics;
import org.jphmesh.router.topology.MeshTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running router: its links on one I/O thread (so the forwarding path needs no locks), and its own node
 * on the first multicast segment, which answers pings, obeys halt/start/reload and sends the statistics.
 * A halted router keeps forwarding: halting it only stops its statistics, as halting a sensor stops readings.
 */
public final class Router implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    public static final String TYPE = MeshTopology.ROUTER_TYPE;

    private final EventLoopGroup io;
    private final List<Link> links;
    private final ForwardingEngine engine;
    private volatile Node node;

    private Router(EventLoopGroup io, List<Link> links, ForwardingEngine engine) {
        this.io = io;
        this.links = links;
        this.engine = engine;
    }

    /**
     * Opens every link and the router's node.
     *
     * @throws ConfigException when the entry is missing, not a router, or invalid (the message names the key)
     * @throws IllegalStateException when a link cannot open (an interface the allow-list refuses, a port in use)
     */
    public static Router start(Codifier codifier, String configLocation, MeshConfig config) {
        return start(codifier, configLocation, config, Ticker.systemTicker());
    }

    /** As {@link #start(Codifier, String, MeshConfig)}, with the links' rate limits refilled by {@code ticker}. */
    public static Router start(Codifier codifier, String configLocation, MeshConfig config, Ticker ticker) {
        SensorConfig entry = config.sensor(codifier).orElseThrow(() ->
                new ConfigException("codifier " + codifier + " has no entry in " + configLocation));
        if (!TYPE.equals(entry.type())) {
            throw new ConfigException(codifier + " has Type " + entry.type() + "; a router runs a \"" + TYPE + "\" entry");
        }
        RouterSettings settings = RouterSettings.fromEntry(entry);
        MulticastConfig mesh = config.multicast();
        FrameAuthenticator auth = mesh.transportSettings().authenticator();
        List<Link> links = new ArrayList<>();
        for (LinkSettings link : settings.links()) {
            links.add(new Link(links.size(), link, ticker));
        }
        ForwardingEngine engine = new ForwardingEngine(links, MeshTopology.of(config).planFor(codifier),
                settings.hopLimit(), settings.duplicateWindow().toNanos(), auth);
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Router router = new Router(io, links, engine);
        try {
            for (Link link : links) {
                link.attach(router.open(link, mesh));
            }
            router.node = Node.start(NodeOptions.of(codifier, configLocation)
                    .withConfig(config.withMulticast(homeMulticast(settings.home(), mesh)))
                    .withEventLoopGroup(io).withoutReadingData().withStopOnDuplicate(false), router.callbacks(codifier));
        } catch (RuntimeException e) {
            router.close();
            throw e;
        }
        LOG.info("{} - routing {} links: {}", codifier, links.size(), links.stream().map(Link::name).toList());
        return router;
    }

    private Outlet open(Link link, MulticastConfig mesh) {
        LinkSettings settings = link.settings();
        if (settings.unicast()) {
            return UnicastOutlet.open(io, settings.listenAddress(), settings.peerAddress(),
                    new LinkInbound(engine, link, null, settings.peerAddress()));
        }
        MulticastTransport transport = MulticastTransport.openRaw(link.name(), settings.transportSettings(mesh), io,
                bus -> new LinkInbound(engine, link, bus, null), new BusCounters());
        return new MulticastOutlet(transport);
    }

    // The router's node speaks on its home segment's groups, which may differ from the mesh's defaults, and
    // unsigned on a legacy segment: the legacy nodes there could not read a signature, and the router signs
    // the node's frames on their way into the signed segments like any other frame from there.
    private static MulticastConfig homeMulticast(LinkSettings home, MulticastConfig mesh) {
        return new MulticastConfig(home.control() == null ? mesh.control() : home.control(),
                home.data() == null ? mesh.data() : home.data(), home.interfaceName(),
                home.ttl() == null ? mesh.ttl() : home.ttl(), home.loopback() == null ? mesh.loopback() : home.loopback(),
                mesh.receiveBufferBytes(), home.legacy() ? AuthConfig.OFF : mesh.auth(), mesh.resend());
    }

    private NodeCallbacks callbacks(Codifier codifier) {
        RouterStatistics statistics = new RouterStatistics(links, System.nanoTime());
        return new NodeCallbacks() {
            @Override
            public void onTimer(Node self) {
                self.sendJson(codifier, statistics.reading(System.nanoTime(), engine.remembered(),
                        self.duplicateInstance().map(other -> other.describe(codifier.value())).orElse(null)));
            }

            @Override
            public void onDuplicateInstance(Node self, DuplicateInstance other) {
                LOG.error("{} - {}; this router keeps forwarding. Stop the other one: two routers of one codifier"
                        + " forward every frame twice", codifier, other.describe(codifier.value()));
            }

            @Override
            public void onReload(Node self, SensorConfig entry) {
                engine.replacePlan(MeshTopology.of(self.config()).planFor(codifier));
                LOG.info("{} - reloaded the mesh topology; changes to this router's own links take effect at restart",
                        codifier);
            }
        };
    }

    public Node node() {
        return node;
    }

    public List<Link> links() {
        return links;
    }

    @Override
    public void close() {
        Node running = node;
        if (running != null) {
            running.close();
        }
        for (Link link : links) {
            if (link.outlet() != null) {
                link.outlet().close();
            }
        }
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
