package org.jphmesh.bus.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.JsonReading;
import org.jphmesh.bus.frame.SequenceStart;
import org.jphmesh.bus.sequence.SequenceStats;
import org.jphmesh.bus.testing.LeakCheck;
import org.jphmesh.bus.testing.LoopbackSender;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two or more nodes on a private loopback bus, over real multicast sockets; no buffer leaks. */
@ExtendWith(LeakCheck.class)
class TwoNodeLoopbackIT {

    private static final Codifier C1 = Codifier.of("C1");
    private static final Codifier CK = Codifier.of("CK");

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private final List<Node> nodes = new ArrayList<>();
    private Path config;

    @BeforeEach
    void writeConfig() {
        config = mesh.writeConfig(dir, String.join(",",
                TestMesh.entry("C1", "TempLinux", 0.2, 1, ""),
                TestMesh.entry("FG", "controlSensor", 0.2, 1, "\"Control\":\"enabled\""),
                TestMesh.entry("X1", "failsafeReader", 0.2, 1,
                        "\"Sensor\":{\"Proxy\":[{\"Codifier\":\"X2\"},{\"Codifier\":\"X3\"}]}"),
                "{\"Codifier\":\"X2\",\"Type\":\"Proxy\",\"Sensor\":{\"Codifier\":\"X1\"}}",
                "{\"Codifier\":\"X3\",\"Type\":\"Proxy\",\"Sensor\":{\"Codifier\":\"X1\"}}",
                TestMesh.entry("CK", "ControlProgram", 60, 60, "")));
    }

    @AfterEach
    void closeNodes() {
        nodes.forEach(Node::close);
    }

    private Node start(String code, RecordingCallbacks callbacks) {
        return start(NodeOptions.of(Codifier.of(code), config.toString()), callbacks);
    }

    private Node start(NodeOptions options, RecordingCallbacks callbacks) {
        Node node = Node.start(options, callbacks);
        nodes.add(node);
        return node;
    }

    // A second instance started a second later by its clock: newer beyond doubt, with no waiting for the clock to tick.
    private Node startASecondLater(String code, RecordingCallbacks callbacks) {
        return start(NodeOptions.of(Codifier.of(code), config.toString())
                .withClock(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(1))), callbacks);
    }

    @Test
    void a_ping_is_answered_with_a_pong_that_echoes_it() throws Exception {
        start("C1", new RecordingCallbacks());
        RecordingCallbacks console = new RecordingCallbacks();
        Node ck = start("CK", console);

        List<PingReply> replies = ck.ping(C1, Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS);

        assertThat(replies).singleElement().satisfies(reply -> {
            assertThat(reply.from()).isEqualTo(C1);
            assertThat(reply.active()).isTrue();
            assertThat(reply.roundTrip()).isPositive();
        });
        Frame ping = console.heard.stream().filter(f -> f.flag() == Flag.PONG).findFirst().orElseThrow();
        assertThat(ping.to()).isEqualTo(CK);
    }

    @Test
    void a_broadcast_ping_collects_every_node() throws Exception {
        start("C1", new RecordingCallbacks());
        start("FG", new RecordingCallbacks());
        Node ck = start("CK", new RecordingCallbacks());

        List<PingReply> replies = ck.ping(Codifier.BROADCAST, Duration.ofMillis(700)).get(3, TimeUnit.SECONDS);

        assertThat(replies).extracting(PingReply::from).containsExactlyInAnyOrder(C1, Codifier.of("FG"));
    }

    @Test
    void halt_stops_the_timer_and_announces_inactive_and_start_resumes_it() throws Exception {
        RecordingCallbacks sensor = new RecordingCallbacks();
        Node c1 = start("C1", sensor);
        RecordingCallbacks console = new RecordingCallbacks();
        Node ck = start("CK", console);
        await().atMost(Duration.ofSeconds(5)).until(() -> sensor.ticks.get() >= 2);

        ck.sendControl(Flag.HALT, C1);

        await().atMost(Duration.ofSeconds(5)).until(() -> !c1.isActive());
        await().atMost(Duration.ofSeconds(5)).until(() -> !console.heard(f -> f.flag() == Flag.ALIVE && f.from().equals(C1)
                && !f.control().active()).isEmpty());
        int ticksWhenHalted = sensor.ticks.get();
        assertThat(c1.sendData(1.5)).isFalse();
        assertThat(ck.ping(C1, Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS)).singleElement()
                .extracting(PingReply::active).isEqualTo(false);
        assertThat(sensor.ticks.get()).isLessThanOrEqualTo(ticksWhenHalted + 1);

        ck.sendControl(Flag.START, C1);

        await().atMost(Duration.ofSeconds(5)).until(c1::isActive);
        await().atMost(Duration.ofSeconds(5)).until(() -> sensor.ticks.get() >= ticksWhenHalted + 3);
        List<Frame> alive = console.heard(f -> f.flag() == Flag.ALIVE && f.from().equals(C1));
        assertThat(alive.get(alive.size() - 1).control().active()).isTrue();
    }

    @Test
    void reload_reads_the_file_again_and_restarts_the_control_sequence() throws Exception {
        RecordingCallbacks sensor = new RecordingCallbacks();
        Node c1 = start("C1", sensor);
        RecordingCallbacks console = new RecordingCallbacks();
        Node ck = start("CK", console);
        Files.writeString(config, Files.readString(config).replace("\"C1 test\"", "\"Renamed\""));

        ck.sendControl(Flag.RELOAD, C1);

        await().atMost(Duration.ofSeconds(5)).until(() -> sensor.reloads.size() == 1);
        assertThat(c1.entry().shortName()).isEqualTo("Renamed");
        await().atMost(Duration.ofSeconds(5)).until(() -> !console.heard(f -> f.flag() == Flag.NEW_SEQUENCE
                && f.from().equals(C1)).isEmpty());
        assertThat(sensor.control).extracting(Frame::flag).contains(Flag.RELOAD);
    }

    @Test
    void a_broken_reload_keeps_the_running_config_and_the_node_answering() throws Exception {
        RecordingCallbacks sensor = new RecordingCallbacks();
        Node c1 = start("C1", sensor);
        Node ck = start("CK", new RecordingCallbacks());
        Files.writeString(config, "{ not json");

        ck.sendControl(Flag.RELOAD, C1);

        await().atMost(Duration.ofSeconds(5)).until(() -> c1.counters().callbackFailureCount("reload") == 1);
        assertThat(c1.entry().shortName()).isEqualTo("C1 test");
        assertThat(ck.ping(C1, Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS)).hasSize(1);
    }

    @Test
    void a_second_instance_of_a_codifier_makes_the_older_one_stop_once_its_stream_is_evidence() throws Exception {
        Node older = start("C1", new RecordingCallbacks());
        Node newer = startASecondLater("C1", new RecordingCallbacks());

        // The newer one's N and then its keep-alives (every second) must be heard for a few seconds first.
        assertThat(older.whenStopped().get(15, TimeUnit.SECONDS)).isEqualTo(StopReason.DUPLICATE_INSTANCE);
        assertThat(newer.whenStopped()).isNotDone();
        Node ck = start("CK", new RecordingCallbacks());
        assertThat(ck.ping(C1, Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS)).hasSize(1);
    }

    @Test
    void a_forged_announcement_of_a_newer_instance_does_not_stop_a_node() throws Exception {
        Node c1 = start("C1", new RecordingCallbacks());
        Node ck = start("CK", new RecordingCallbacks());
        try (LoopbackSender forger = new LoopbackSender()) {
            for (int i = 0; i < 1_000; i++) {
                forger.send(LoopbackSender.encode(Frame.control(ThreadLocalRandom.current().nextLong(Frame.MAX_SEQUENCE),
                        System.currentTimeMillis() + 60_000, i % 2 == 0 ? Flag.NEW_SEQUENCE : Flag.ALIVE, C1,
                        Codifier.BROADCAST, System.currentTimeMillis() + 60_000, true)), mesh.controlGroup(), mesh.controlPort());
            }
        }
        // Answering after the flood, and still running a second later: the forgeries were not evidence.
        assertThat(ck.ping(C1, Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS)).hasSize(1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !c1.whenStopped().isDone());
        assertThat(c1.duplicateInstance()).isEmpty();
    }

    @Test
    void a_program_that_never_gives_way_reports_a_second_instance_and_keeps_running() throws Exception {
        List<DuplicateInstance> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
        Node collector = Node.start(NodeOptions.of(C1, config.toString()).withStopOnDuplicate(false),
                new RecordingCallbacks() {
                    @Override
                    public void onDuplicateInstance(Node node, DuplicateInstance other) {
                        reported.add(other);
                    }
                });
        nodes.add(collector);
        Node second = startASecondLater("C1", new RecordingCallbacks());

        await().atMost(Duration.ofSeconds(15)).until(() -> !reported.isEmpty());
        assertThat(reported.get(0).newer()).isTrue();
        assertThat(collector.duplicateInstance()).isPresent();
        assertThat(collector.whenStopped()).isNotDone();
        assertThat(second.whenStopped()).isNotDone();
    }

    @Test
    void each_proxy_codifier_gets_its_own_sequence_announced_before_its_first_reading() throws Exception {
        Node x1 = start("X1", new RecordingCallbacks());
        RecordingCallbacks console = new RecordingCallbacks();
        Node ck = start("CK", console);
        Codifier x2 = Codifier.of("X2");
        Codifier x3 = Codifier.of("X3");

        for (int i = 0; i < 5; i++) {
            x1.sendData(Codifier.of("X1"), 1.5f);
            x1.sendData(x2, 2.5f);
            x1.sendData(x3, (long) i);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> console.heard(f -> f.channel() == BusChannel.DATA).size() == 18);
        for (Codifier code : List.of(Codifier.of("X1"), x2, x3)) {
            List<Frame> stream = console.heard(f -> f.channel() == BusChannel.DATA && f.from().equals(code));
            assertThat(stream.get(0).payload()).isInstanceOf(SequenceStart.class);
            long start = stream.get(0).sequence();
            assertThat(((SequenceStart) stream.get(0).payload()).start()).isEqualTo(start);
            for (int i = 1; i < stream.size(); i++) {
                assertThat(stream.get(i).sequence()).isEqualTo(Frame.nextSequence(stream.get(i - 1).sequence()));
            }
            SequenceStats stats = ck.accounting().stats(code, BusChannel.DATA).orElseThrow();
            assertThat(stats.received()).isEqualTo(6);
            assertThat(stats.lost()).isZero();
        }
        assertThatThrownBy(() -> x1.sendData(C1, 1.0)).hasMessageContaining("may send readings as itself or its proxies");
    }

    @Test
    void a_double_that_float32_cannot_hold_travels_as_json_with_every_digit() {
        Node c1 = start("C1", new RecordingCallbacks());
        RecordingCallbacks console = new RecordingCallbacks();
        start("CK", console);

        c1.sendData(21.5);
        c1.sendData(21.123456789);

        await().atMost(Duration.ofSeconds(5)).until(() -> console.heard(f -> f.from().equals(C1)
                && f.channel() == BusChannel.DATA).size() >= 3);
        List<Frame> readings = console.heard(f -> f.from().equals(C1) && f.channel() == BusChannel.DATA);
        assertThat(readings.get(1).payload()).isEqualTo(new FloatReading(21.5f));
        assertThat(readings.get(2).payload()).isEqualTo(new JsonReading("{\"value\":21.123456789}"));
    }

    @Test
    void set_and_step_reach_only_nodes_with_control_enabled() {
        RecordingCallbacks fanCallbacks = new RecordingCallbacks();
        start("FG", fanCallbacks);
        RecordingCallbacks tempCallbacks = new RecordingCallbacks();
        Node c1 = start("C1", tempCallbacks);
        Node ck = start("CK", new RecordingCallbacks());

        ck.sendControl(Flag.SET, Codifier.of("FG"), 60.0);
        ck.sendControl(Flag.STEP, Codifier.of("FG"), -5.0);
        ck.sendControl(Flag.SET, C1, 60.0);

        await().atMost(Duration.ofSeconds(5)).until(() -> fanCallbacks.control.size() == 2);
        assertThat(fanCallbacks.control).extracting(f -> f.control().timeComponent()).containsExactly(60.0, -5.0);
        await().atMost(Duration.ofSeconds(5)).until(() -> c1.counters().droppedCount("command-refused") == 1);
        assertThat(tempCallbacks.control).noneMatch(f -> f.flag() == Flag.SET);
    }

    @Test
    void a_timer_callback_that_always_throws_is_counted_and_the_node_keeps_answering() throws Exception {
        Node c1 = start("C1", new RecordingCallbacks() {
            @Override
            public void onTimer(Node node) {
                throw new IllegalStateException("sensor on fire");
            }
        });
        Node ck = start("CK", new RecordingCallbacks());

        await().atMost(Duration.ofSeconds(5)).until(() -> c1.counters().callbackFailureCount("timer") >= 3);
        assertThat(ck.ping(C1, Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS)).hasSize(1);
    }

    @Test
    void a_tap_that_throws_does_not_stop_the_node_from_answering_commands() throws Exception {
        start("C1", new RecordingCallbacks() {
            @Override
            public void onFrame(Node node, Frame frame, java.net.InetSocketAddress sender) {
                throw new IllegalStateException("tap broken");
            }
        });
        Node ck = start("CK", new RecordingCallbacks());

        assertThat(ck.ping(C1, Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS)).hasSize(1);
    }

    @Test
    void a_node_that_reads_well_announces_itself_with_n_alone_and_one_that_does_not_adds_i_as_the_legacy_nodes_do() {
        RecordingCallbacks console = new RecordingCallbacks();
        start("CK", console);
        start("C1", new RecordingCallbacks() {
            @Override
            public void onTimer(Node node) {
                node.sendData(20.0);
                node.postponeKeepAlive();
            }
        });
        start("FG", new RecordingCallbacks());

        // jph.py: N, then the first reading; I at once unless that reading was GOOD.
        await().atMost(Duration.ofSeconds(5)).until(() -> console.heard(f -> f.from().equals(Codifier.of("FG"))
                && f.flag() == Flag.ALIVE).size() == 1);
        assertThat(console.heard(f -> f.from().equals(Codifier.of("FG")) && f.channel() == BusChannel.CONTROL))
                .extracting(Frame::flag).containsExactly(Flag.NEW_SEQUENCE, Flag.ALIVE);
        await().atMost(Duration.ofSeconds(5)).until(() -> console.heard(f -> f.from().equals(C1)
                && f.channel() == BusChannel.DATA).size() >= 3);
        assertThat(console.heard(f -> f.from().equals(C1) && f.channel() == BusChannel.CONTROL))
                .extracting(Frame::flag).containsExactly(Flag.NEW_SEQUENCE);
    }

    @Test
    void good_reads_postpone_the_keep_alive_other_readings_do_not_and_a_halted_node_sends_it_every_interval() {
        RecordingCallbacks console = new RecordingCallbacks();
        Node ck = start("CK", console);
        start("C1", new RecordingCallbacks() {
            @Override
            public void onTimer(Node node) {
                node.sendData(20.0);
                node.postponeKeepAlive();
            }
        });
        // FG reports as often (a set-point), but reports are not good reads: as the legacy node, it still says I.
        start("FG", new RecordingCallbacks() {
            @Override
            public void onTimer(Node node) {
                node.sendData(21.0);
            }
        });

        await().atMost(Duration.ofSeconds(6)).until(() -> console.heard(f -> f.flag() == Flag.ALIVE
                && f.from().equals(Codifier.of("FG"))).size() >= 2);
        assertThat(console.heard(f -> f.flag() == Flag.ALIVE && f.from().equals(C1))).hasSizeLessThanOrEqualTo(1);

        ck.sendControl(Flag.HALT, C1);

        await().atMost(Duration.ofSeconds(6)).until(() -> console.heard(f -> f.flag() == Flag.ALIVE
                && f.from().equals(C1)).size() >= 4);
    }
}
