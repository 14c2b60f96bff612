package org.jphmesh.bus.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.ResendRange;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sender answering resend requests ({@code R}) on a private loopback bus, over real multicast sockets. */
class ResendLoopbackIT {

    private static final Codifier S1 = Codifier.of("S1");
    private static final Codifier S2 = Codifier.of("S2");
    private static final Codifier CK = Codifier.of("CK");

    @TempDir
    Path dir;

    private final List<Node> nodes = new ArrayList<>();

    @AfterEach
    void closeNodes() {
        nodes.forEach(Node::close);
    }

    private Path config(boolean resend) {
        return TestMesh.fresh().withResend(resend).writeConfig(dir, String.join(",",
                TestMesh.entry("S1", "Simulated", 60, 60, "\"Sensor\":{\"Proxy\":[{\"Codifier\":\"S2\"}]}"),
                "{\"Codifier\":\"S2\",\"Type\":\"Proxy\",\"Sensor\":{\"Codifier\":\"S1\"}}",
                TestMesh.entry("S3", "Simulated", 60, 60, ""),
                TestMesh.entry("CK", "ControlProgram", 60, 60, "")));
    }

    private Node start(Path config, String code, RecordingCallbacks callbacks) {
        Node node = Node.start(NodeOptions.of(Codifier.of(code), config.toString()), callbacks);
        nodes.add(node);
        return node;
    }

    private static List<Frame> readingsOf(RecordingCallbacks callbacks, Codifier from) {
        return callbacks.heard(f -> f.from().equals(from) && f.flag() == Flag.FLOAT);
    }

    @Test
    void a_node_resends_exactly_the_range_asked_for_unchanged() {
        Path config = config(true);
        Node s1 = start(config, "S1", new RecordingCallbacks());
        RecordingCallbacks heard = new RecordingCallbacks();
        Node ck = start(config, "CK", heard);
        for (int i = 0; i < 20; i++) {
            s1.sendData(S1, 20.0 + i);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> readingsOf(heard, S1).size() == 20);
        List<Frame> original = List.copyOf(readingsOf(heard, S1));

        ck.requestResend(S1, new ResendRange(original.get(5).sequence(), 3));

        await().atMost(Duration.ofSeconds(5)).until(() -> readingsOf(heard, S1).size() == 23);
        assertThat(readingsOf(heard, S1).subList(20, 23)).containsExactlyElementsOf(original.subList(5, 8));
        assertThat(s1.counters().repairCount("resend-requests")).isEqualTo(1);
        assertThat(s1.counters().repairCount("resent")).isEqualTo(3);
        // A resend takes no number: the next reading follows the last one sent.
        s1.sendData(S1, 99.0);
        await().atMost(Duration.ofSeconds(5)).until(() -> readingsOf(heard, S1).size() == 24);
        assertThat(readingsOf(heard, S1).get(23).sequence()).isEqualTo(Frame.nextSequence(original.get(19).sequence()));
    }

    @Test
    void a_proxy_codifier_is_answered_by_the_node_that_sends_it_even_while_halted() {
        Path config = config(true);
        Node s1 = start(config, "S1", new RecordingCallbacks());
        RecordingCallbacks heard = new RecordingCallbacks();
        Node ck = start(config, "CK", heard);
        for (int i = 0; i < 5; i++) {
            s1.sendData(S2, (long) i);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.heard(f -> f.from().equals(S2) && f.flag() == Flag.INTEGER).size() == 5);
        long first = heard.heard(f -> f.from().equals(S2) && f.flag() == Flag.INTEGER).get(0).sequence();
        ck.sendControl(Flag.HALT, S1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !s1.isActive());

        ck.requestResend(S2, new ResendRange(first, 5));

        await().atMost(Duration.ofSeconds(5)).until(() -> heard.heard(f -> f.from().equals(S2) && f.flag() == Flag.INTEGER).size() == 10);
        assertThat(s1.counters().repairCount("resent")).isEqualTo(5);
    }

    @Test
    void numbers_no_longer_kept_are_counted_unavailable_and_the_rest_resent() {
        Path config = config(true);
        Node s1 = start(config, "S1", new RecordingCallbacks());
        RecordingCallbacks heard = new RecordingCallbacks();
        Node ck = start(config, "CK", heard);
        for (int i = 0; i < SentFrames.CAPACITY + 10; i++) {
            s1.sendData(S1, (long) i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.heard(f -> f.from().equals(S1) && f.flag() == Flag.INTEGER)
                .size() == SentFrames.CAPACITY + 10);
        long first = heard.heard(f -> f.from().equals(S1) && f.flag() == Flag.INTEGER).get(0).sequence();

        // The first 10 readings have left the ring; of these 20 numbers, 10 are still kept.
        ck.requestResend(S1, new ResendRange(first, 20));

        await().atMost(Duration.ofSeconds(5)).until(() -> s1.counters().repairCount("resend-requests") == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.heard(f -> f.from().equals(S1) && f.flag() == Flag.INTEGER)
                .size() == SentFrames.CAPACITY + 20);
        assertThat(s1.counters().repairCount("resend-unavailable")).isEqualTo(10);
        assertThat(s1.counters().repairCount("resent")).isEqualTo(10);
    }

    @Test
    void a_request_to_another_codifier_or_to_everyone_resends_nothing() {
        Path config = config(true);
        Node s1 = start(config, "S1", new RecordingCallbacks());
        Node s3 = start(config, "S3", new RecordingCallbacks());
        RecordingCallbacks heard = new RecordingCallbacks();
        Node ck = start(config, "CK", heard);
        s1.sendData(S1, 1.0);
        await().atMost(Duration.ofSeconds(5)).until(() -> readingsOf(heard, S1).size() == 1);
        long sequence = readingsOf(heard, S1).get(0).sequence();

        ck.requestResend(Codifier.of("S3"), new ResendRange(sequence, 1));
        ck.sendControl(Flag.RESEND, Codifier.BROADCAST, new ResendRange(sequence, 1).toTimeComponent());

        await().atMost(Duration.ofSeconds(5)).until(() -> s3.counters().repairCount("resend-requests") == 1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> readingsOf(heard, S1).size() == 1);
        assertThat(s1.counters().repairCount("resend-requests")).isZero();
        assertThat(s3.counters().repairCount("resent")).isZero();
        assertThat(s3.counters().repairCount("resend-unavailable")).isEqualTo(1);
    }

    @Test
    void with_repair_off_a_node_keeps_nothing_and_refuses_requests() {
        Path config = config(false);
        Node s1 = start(config, "S1", new RecordingCallbacks());
        RecordingCallbacks heard = new RecordingCallbacks();
        Node ck = start(config, "CK", heard);
        s1.sendData(S1, 1.0);
        await().atMost(Duration.ofSeconds(5)).until(() -> readingsOf(heard, S1).size() == 1);

        ck.requestResend(S1, new ResendRange(readingsOf(heard, S1).get(0).sequence(), 1));

        await().atMost(Duration.ofSeconds(5)).until(() -> s1.counters().repairCount("resend-refused") == 1);
        assertThat(readingsOf(heard, S1)).hasSize(1);
    }

    @Test
    void a_malformed_range_is_counted_and_the_node_keeps_answering() throws Exception {
        Path config = config(true);
        Node s1 = start(config, "S1", new RecordingCallbacks());
        Node ck = start(config, "CK", new RecordingCallbacks());

        ck.sendControl(Flag.RESEND, S1, 1.5);

        await().atMost(Duration.ofSeconds(5)).until(() -> s1.counters().repairCount("resend-refused") == 1);
        assertThat(ck.ping(S1, Duration.ofSeconds(2)).get()).hasSize(1);
    }
}
