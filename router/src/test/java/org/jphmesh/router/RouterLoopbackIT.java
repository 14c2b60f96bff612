package org.jphmesh.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.node.PingReply;
import org.jphmesh.bus.testing.LeakCheck;
import org.jphmesh.bus.testing.LoopbackSender;
import org.jphmesh.bus.testing.MalformedDatagrams;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.jphmesh.router.link.Link;
import org.jphmesh.router.link.LinkCounters.Count;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A router between two segments on {@code lo} (different groups and ports), with real nodes on each; no buffer leaks. */
@ExtendWith(LeakCheck.class)
class RouterLoopbackIT {

    private static final Codifier S1 = Codifier.of("S1");
    private static final Codifier RX = Codifier.of("RX");
    /** C1's first reading from the legacy capture: {@code f} 42.0. */
    private static final byte[] LEGACY_FLOAT =
            HexFormat.of().parseHex("ca63c23a00000000ada76d01a2010000664331404000000004000000" + "00002842");

    @TempDir
    Path dir;

    private final TestMesh a = TestMesh.fresh();
    private final TestMesh b = TestMesh.fresh();
    private final List<AutoCloseable> open = new ArrayList<>();
    /** The routers' time for their rate limits: it moves only when a test moves it. */
    private final MockTicker ticker = Ticker.newMockTicker();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static String link(String name, TestMesh mesh, String extra) {
        return "{\"Name\":\"" + name + "\",\"Interface\":\"lo\",\"TTL\":0,"
                + "\"Control-Channel\":{\"Address\":\"" + mesh.controlGroup() + "\",\"Port\":" + mesh.controlPort() + "},"
                + "\"Data-Channel\":{\"Address\":\"" + mesh.dataGroup() + "\",\"Port\":" + mesh.dataPort() + "}"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private String aExtra = "";
    private String bExtra = "";

    private String entries() {
        return TestMesh.entry("RT", "Router", 0.5, 30, "\"Sensor\":{\"Links\":[" + link("a", a, aExtra) + ","
                + link("b", b, bExtra) + "]}")
                + "," + TestMesh.entry("S1", "Simulated", 60, 60, "")
                + "," + TestMesh.entry("RX", "Console", 60, 60, "");
    }

    /** A {@code ,"Auth":{...}} for the Multicast section, or empty for an unsigned mesh. */
    private String auth = "";

    private Path writeConfig(TestMesh mesh, String sub) {
        Path folder = dir.resolve(sub);
        folder.toFile().mkdirs();
        Path file = folder.resolve("config.json");
        try {
            Files.writeString(file, "{\"Multicast\":" + mesh.multicastJson().replaceFirst("}$", auth + "}")
                    + ",\"Sensors\":[" + entries() + "]}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private Router router(String bLink) {
        return router("", bLink);
    }

    private Router router(String aLink, String bLink) {
        aExtra = aLink;
        bExtra = bLink;
        Path config = writeConfig(a, "a");
        Router router = Router.start(Codifier.of("RT"), config.toString(), ConfigLoader.load(config.toString()), ticker);
        open.add(router);
        return router;
    }

    private Node node(TestMesh mesh, Codifier code, String sub, RecordingCallbacks callbacks) {
        Path config = writeConfig(mesh, sub);
        Node node = Node.start(NodeOptions.of(code, config.toString()).withStopOnDuplicate(false), callbacks);
        open.add(node);
        return node;
    }

    private static Map<String, Link> byName(Router router) {
        return router.links().stream().collect(Collectors.toMap(Link::name, Function.identity()));
    }

    @Test
    void readings_sent_on_one_segment_reach_the_other_exactly_once() {
        Router router = router("");
        RecordingCallbacks received = new RecordingCallbacks();
        node(b, RX, "rx", received);
        Node sender = node(a, S1, "s1", new RecordingCallbacks());
        for (int i = 0; i < 300; i++) {
            sender.sendData(S1, (float) i);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(received.data.stream()
                .filter(f -> f.from().equals(S1) && f.flag() == Flag.FLOAT)).hasSize(300));
        List<Long> sequences = received.data.stream().filter(f -> f.from().equals(S1) && f.flag() == Flag.FLOAT)
                .map(Frame::sequence).toList();
        assertThat(sequences).doesNotHaveDuplicates();
        Link out = byName(router).get("b");
        assertThat(out.counters().get(Count.forwarded)).isGreaterThanOrEqualTo(301);
        assertThat(out.counters().get(Count.echoes)).as("the router hears its own sends and drops them")
                .isGreaterThanOrEqualTo(301);
        assertThat(byName(router).get("a").counters().get(Count.forwarded))
                .as("nothing that came from a goes back to a").isLessThan(out.counters().get(Count.forwarded));
    }

    @Test
    void a_ping_crosses_the_router_and_its_pong_comes_back() {
        router("");
        node(a, S1, "s1", new RecordingCallbacks());
        Node pinger = node(b, RX, "rx", new RecordingCallbacks());

        List<PingReply> replies = pinger.ping(S1, Duration.ofSeconds(3)).join();

        assertThat(replies).extracting(PingReply::from).containsExactly(S1);
    }

    @Test
    void a_legacy_segment_gets_exactly_the_legacy_bytes() throws Exception {
        router("\"Legacy\":true");
        byte[] legacyFloat = LEGACY_FLOAT;
        try (MulticastSocket listener = listen(b.dataGroup(), b.dataPort()); LoopbackSender sender = new LoopbackSender()) {
            sender.send(legacyFloat, a.dataGroup(), a.dataPort());
            // The router's own status reading may come first: it is on the segment too.
            assertThat(receiveFrom(listener, "C1")).isEqualTo(legacyFloat);
        }
    }

    @Test
    void a_java_segment_gets_the_frame_with_a_route_trailer_of_one_hop() throws Exception {
        router("");
        byte[] legacyFloat = LEGACY_FLOAT;
        try (MulticastSocket listener = listen(b.dataGroup(), b.dataPort()); LoopbackSender sender = new LoopbackSender()) {
            sender.send(legacyFloat, a.dataGroup(), a.dataPort());
            byte[] forwarded = receiveFrom(listener, "C1");
            assertThat(forwarded).hasSize(legacyFloat.length + 10).startsWith(legacyFloat);
            assertThat(forwarded[legacyFloat.length + 4]).as("hops").isEqualTo((byte) 1);
            assertThat(new String(forwarded, forwarded.length - 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("JPHR");
        }
    }

    @Test
    void a_filter_that_lets_only_data_out_keeps_control_frames_on_their_segment() {
        Router router = router("\"Filter\":{\"Buses\":[\"data\"]}");
        RecordingCallbacks received = new RecordingCallbacks();
        node(b, RX, "rx", received);
        Node sender = node(a, S1, "s1", new RecordingCallbacks());
        sender.sendData(S1, 1.5f);
        sender.ping(Codifier.BROADCAST, Duration.ofMillis(200)).join();
        sender.sendData(S1, 2.5f);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received.data.stream()
                .filter(f -> f.flag() == Flag.FLOAT)).hasSize(2));
        assertThat(received.heard.stream().filter(f -> f.channel() == BusChannel.CONTROL && f.from().equals(S1)))
                .isEmpty();
        assertThat(byName(router).get("b").counters().get(Count.filtered)).isPositive();
    }

    @Test
    void malformed_datagrams_are_counted_on_their_link_and_forwarding_goes_on() {
        Router router = router("");
        RecordingCallbacks received = new RecordingCallbacks();
        node(b, RX, "rx", received);
        Node sender = node(a, S1, "s1", new RecordingCallbacks());
        List<byte[]> malformed = MalformedDatagrams.oneOfEachKind(false).stream().filter(d -> d.length > 0).toList();
        try (LoopbackSender raw = new LoopbackSender()) {
            for (byte[] bad : malformed) {
                raw.send(bad, a.dataGroup(), a.dataPort());
            }
        }
        sender.sendData(S1, 4.25f);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received.data.stream()
                .filter(f -> f.flag() == Flag.FLOAT)).hasSize(1));
        assertThat(byName(router).get("a").counters().get(Count.malformed)).isEqualTo(malformed.size());
        assertThat(received.heard).extracting(Frame::from).allMatch(from -> from.equals(S1) || from.equals(Codifier.of("RT")));
    }

    @Test
    void a_rate_limit_lets_its_burst_out_then_only_what_a_second_refills_and_counts_the_rest() {
        Router router = router("\"RateLimit\":{\"FramesPerSecond\":20,\"Burst\":20}");
        Node sender = node(a, S1, "s1", new RecordingCallbacks());
        Link out = byName(router).get("b");

        long offered = offer(sender, out, 500, 0);

        assertThat(out.counters().get(Count.forwarded)).as("the burst, while no time passes").isEqualTo(20);
        assertThat(out.counters().get(Count.rate_limited)).as("the rest of the 500 readings").isGreaterThanOrEqualTo(480);

        ticker.advance(1, TimeUnit.SECONDS);
        offer(sender, out, 100, offered);

        assertThat(out.counters().get(Count.forwarded)).as("and the 20 frames one second refills").isEqualTo(40);
    }

    // Sends count readings and waits until link b has decided on all of them (and whatever else came its way).
    private static long offer(Node sender, Link out, int count, long before) {
        for (int i = 0; i < count; i++) {
            sender.sendData(S1, (float) i);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> decided(out) >= before + count);
        return decided(out);
    }

    private static long decided(Link out) {
        return out.counters().get(Count.forwarded) + out.counters().get(Count.rate_limited);
    }

    @Test
    void the_router_reports_its_link_counters_as_a_reading_of_its_own_codifier() {
        router("");
        RecordingCallbacks received = new RecordingCallbacks();
        node(b, RX, "rx", received);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received.data.stream()
                .filter(f -> f.from().equals(Codifier.of("RT")) && f.flag() == Flag.JSON)).isNotEmpty());
        String json = received.data.stream().filter(f -> f.flag() == Flag.JSON).findFirst().orElseThrow().payload().toString();
        assertThat(json).contains("\"links\"", "\"a\"", "\"b\"", "\"forwarded\"", "\"duplicate_suppressed\"");
    }

    @Test
    void two_routers_joined_by_a_unicast_link_carry_readings_between_their_segments_and_refuse_strangers()
            throws Exception {
        int portA = TestMesh.fresh().controlPort();
        int portB = TestMesh.fresh().controlPort();
        String unicast = "{\"Name\":\"vpn\",\"Listen\":\"127.0.0.1:%d\",\"Peer\":\"127.0.0.1:%d\"}";
        String sensors = TestMesh.entry("RA", "Router", 60, 30, "\"Sensor\":{\"Links\":[" + link("a", a, "") + ","
                + unicast.formatted(portA, portB) + "]}")
                + "," + TestMesh.entry("RB", "Router", 60, 30, "\"Sensor\":{\"Links\":[" + link("b", b, "") + ","
                + unicast.formatted(portB, portA) + "]}")
                + "," + TestMesh.entry("S1", "Simulated", 60, 60, "") + "," + TestMesh.entry("RX", "Console", 60, 60, "");
        Path ra = a.writeConfig(Files.createDirectories(dir.resolve("ra")), sensors);
        Path rb = b.writeConfig(Files.createDirectories(dir.resolve("rb")), sensors);
        Router routerA = Router.start(Codifier.of("RA"), ra.toString(), ConfigLoader.load(ra.toString()));
        open.add(routerA);
        open.add(Router.start(Codifier.of("RB"), rb.toString(), ConfigLoader.load(rb.toString())));
        RecordingCallbacks received = new RecordingCallbacks();
        open.add(Node.start(NodeOptions.of(RX, rb.toString()).withStopOnDuplicate(false), received));
        Node sender = Node.start(NodeOptions.of(S1, ra.toString()).withStopOnDuplicate(false), new RecordingCallbacks());
        open.add(sender);
        for (int i = 0; i < 100; i++) {
            sender.sendData(S1, (float) i);
        }
        try (java.net.DatagramSocket stranger = new java.net.DatagramSocket()) {
            stranger.send(new DatagramPacket(LEGACY_FLOAT, LEGACY_FLOAT.length, InetAddress.getLoopbackAddress(), portA));
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received.data.stream()
                .filter(f -> f.from().equals(S1) && f.flag() == Flag.FLOAT)).hasSize(100));
        assertThat(received.data.stream().filter(f -> f.from().equals(S1) && f.flag() == Flag.FLOAT).map(Frame::sequence))
                .doesNotHaveDuplicates();
        assertThat(byName(routerA).get("vpn").counters().get(Count.foreign)).isEqualTo(1);
        assertThat(received.data).noneMatch(f -> f.from().equals(Codifier.of("C1")));
    }

    private void signedMesh() throws IOException {
        Path keyFile = dir.resolve("mesh.key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString("router test key, 32 bytes secret".getBytes()) + "\n");
        auth = ",\"Auth\":{\"Mode\":\"require\",\"Keys\":[{\"Id\":1,\"File\":\"" + keyFile + "\"}]}";
    }

    @Test
    void a_gateway_signs_legacy_frames_into_a_signed_segment_whose_nodes_require_signatures() throws Exception {
        signedMesh();
        Router gateway = router("\"Legacy\":true", "");
        RecordingCallbacks received = new RecordingCallbacks();
        Node strict = node(b, RX, "rx", received);
        try (LoopbackSender sender = new LoopbackSender()) {
            // Fresh: signed receivers refuse frames older than their replay window, and the capture is.
            ByteBuf fresh = Unpooled.buffer();
            FrameCodec.encode(Frame.data(7, System.currentTimeMillis(), Codifier.of("C1"), Readings.of(42.0f)), fresh);
            sender.send(ByteBufUtil.getBytes(fresh), a.dataGroup(), a.dataPort());
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received.data)
                .anyMatch(f -> f.from().equals(Codifier.of("C1")) && f.flag() == Flag.FLOAT));
        assertThat(strict.counters().droppedCount("auth-unsigned")).isZero();
        assertThat(byName(gateway).get("b").counters().get(Count.forwarded)).isPositive();
    }

    @Test
    void a_gateway_strips_signatures_on_the_way_to_legacy_nodes_and_refuses_unsigned_frames_from_the_signed_side()
            throws Exception {
        signedMesh();
        Router gateway = router("\"Legacy\":true", "");
        Node signer = node(b, RX, "rx", new RecordingCallbacks());
        try (MulticastSocket legacyListener = listen(a.dataGroup(), a.dataPort()); LoopbackSender forger = new LoopbackSender()) {
            forger.send(LEGACY_FLOAT, b.dataGroup(), b.dataPort());
            signer.sendData(RX, 21.5f);
            byte[] first = receiveFrom(legacyListener, "RX");
            byte[] second = receiveFrom(legacyListener, "RX");
            assertThat(List.of(first.length, second.length)).as("n and f as bare legacy datagrams").containsExactly(32, 32);
        }
        assertThat(byName(gateway).get("b").counters().get(Count.refused)).as("the unsigned forgery").isEqualTo(1);
    }

    private static MulticastSocket listen(String group, int port) throws Exception {
        MulticastSocket socket = new MulticastSocket(new InetSocketAddress(port));
        socket.joinGroup(new InetSocketAddress(InetAddress.getByName(group), port), NetworkInterface.getByName("lo"));
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static byte[] receiveFrom(MulticastSocket socket, String codifier) throws Exception {
        while (true) {
            byte[] datagram = receive(socket);
            if (new String(datagram, 17, 2, java.nio.charset.StandardCharsets.US_ASCII).equals(codifier)) {
                return datagram;
            }
        }
    }

    private static byte[] receive(MulticastSocket socket) throws Exception {
        byte[] buffer = new byte[9000];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing arrived on the second segment within 5 s", e);
        }
        return java.util.Arrays.copyOf(buffer, packet.getLength());
    }
}
