package org.jphmesh.bus.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.LoopbackSender;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mesh in {@code require} mode under attack on its own bus: forged (unsigned), wrongly keyed, bit-flipped
 * and replayed control frames. None may reach a node; the genuine operator still commands it.
 */
class AuthenticatedBusIT {

    private static final byte[] KEY = "jph test key: 32 bytes of secret".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRONG_KEY = "not the mesh key, also 32 bytes!".getBytes(StandardCharsets.US_ASCII);
    private static final Codifier X1 = Codifier.of("X1");
    private static final Codifier CC = Codifier.of("CC");

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private Path config;
    private Node x1;
    private Node console;
    private final RecordingCallbacks x1Heard = new RecordingCallbacks();

    @BeforeEach
    void setUp() throws Exception {
        Path keyFile = dir.resolve("mesh.key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(KEY) + "\n");
        String multicast = mesh.multicastJson().replaceFirst("}$", ",\"Auth\":{\"Mode\":\"require\",\"Keys\":[{\"Id\":1,\"File\":\""
                + keyFile + "\"}],\"ReplayWindowSeconds\":30}}");
        config = dir.resolve("config.json");
        Files.writeString(config, "{\"Multicast\":" + multicast + ",\"Sensors\":["
                + TestMesh.entry("X1", "Simulated", 60, 60, "") + "," + TestMesh.entry("CC", "ControlProgram", 60, 60, "") + "]}");
        x1 = Node.start(NodeOptions.of(X1, config.toString()), x1Heard);
        console = Node.start(NodeOptions.of(CC, config.toString()), new RecordingCallbacks());
    }

    @AfterEach
    void tearDown() {
        console.close();
        x1.close();
    }

    @Test
    void signed_nodes_talk_to_each_other_and_the_genuine_operator_commands() throws Exception {
        assertThat(console.ping(X1, Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS)).singleElement()
                .satisfies(reply -> assertThat(reply.from()).isEqualTo(X1));
        console.sendControl(Flag.HALT, X1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !x1.isActive());
        console.sendControl(Flag.START, X1);
        await().atMost(Duration.ofSeconds(5)).until(x1::isActive);
    }

    @Test
    void forged_wrongly_keyed_bit_flipped_and_replayed_control_frames_are_all_refused() throws Exception {
        FrameAuthenticator genuine = authenticator(KEY);
        FrameAuthenticator attacker = authenticator(WRONG_KEY);
        int sent = 0;
        try (LoopbackSender bus = new LoopbackSender()) {
            // The genuine operator halts X1 and starts it again; the attacker records both datagrams.
            byte[] halt = bytes(halt(X1, 1), genuine);
            bus.send(halt, mesh.controlGroup(), mesh.controlPort());
            await().atMost(Duration.ofSeconds(5)).until(() -> !x1.isActive());
            bus.send(bytes(Frame.control(2, System.currentTimeMillis(), Flag.START, CC, X1, 0, true), genuine),
                    mesh.controlGroup(), mesh.controlPort());
            await().atMost(Duration.ofSeconds(5)).until(x1::isActive);
            long haltsBefore = x1Heard.control.stream().filter(f -> f.flag() == Flag.HALT).count();

            for (int i = 0; i < 50; i++) {
                bus.send(bytes(halt(i % 2 == 0 ? X1 : Codifier.BROADCAST, 100 + i), null), mesh.controlGroup(), mesh.controlPort());
                bus.send(bytes(halt(X1, 200 + i), attacker), mesh.controlGroup(), mesh.controlPort());
                sent += 2;
            }
            for (int bit = 0; bit < (halt.length - FrameAuthenticator.TRAILER_BYTES) * 8; bit++) {
                byte[] flipped = halt.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                bus.send(flipped, mesh.controlGroup(), mesh.controlPort());
                sent++;
            }
            for (int i = 0; i < 20; i++) {
                bus.send(halt, mesh.controlGroup(), mesh.controlPort());
                sent++;
            }

            int attacks = sent;
            await().atMost(Duration.ofSeconds(10)).until(() -> refused(x1) >= attacks);
            assertThat(x1.isActive()).isTrue();
            assertThat(x1Heard.control.stream().filter(f -> f.flag() == Flag.HALT).count()).isEqualTo(haltsBefore);
            assertThat(x1.counters().droppedCount(AuthVerdict.UNSIGNED.label())).isGreaterThanOrEqualTo(50);
            assertThat(x1.counters().droppedCount(AuthVerdict.BAD_SIGNATURE.label())).isGreaterThanOrEqualTo(50);
            assertThat(x1.counters().droppedCount(AuthVerdict.REPLAYED.label())).isGreaterThanOrEqualTo(20);
            assertThat(console.isActive()).isTrue();
        }
    }

    private static long refused(Node node) {
        long total = 0;
        for (AuthVerdict verdict : AuthVerdict.values()) {
            if (verdict != AuthVerdict.VALID) {
                total += node.counters().droppedCount(verdict.label());
            }
        }
        return total;
    }

    private static Frame halt(Codifier to, long sequence) {
        return Frame.control(sequence, System.currentTimeMillis(), Flag.HALT, CC, to, 0, true);
    }

    private static FrameAuthenticator authenticator(byte[] key) {
        return new FrameAuthenticator(AuthMode.require, KeyRing.of(Map.of(1, key), 1), Duration.ofSeconds(30), Clock.systemUTC());
    }

    private static byte[] bytes(Frame frame, FrameAuthenticator signer) {
        ByteBuf buf = Unpooled.buffer();
        FrameCodec.encode(frame, buf);
        if (signer != null) {
            signer.sign(buf);
        }
        byte[] out = new byte[buf.readableBytes()];
        buf.readBytes(out);
        buf.release();
        return out;
    }
}
