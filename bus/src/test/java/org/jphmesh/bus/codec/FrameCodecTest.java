package org.jphmesh.bus.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.ControlPayload;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.IntegerReading;
import org.jphmesh.bus.frame.JsonReading;
import org.jphmesh.bus.frame.ResendRange;
import org.jphmesh.bus.frame.SequenceStart;
import org.jphmesh.bus.frame.TextReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FrameCodecTest {

    static Stream<LegacyVectors.Vector> legacyDatagrams() {
        return LegacyVectors.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legacyDatagrams")
    void every_legacy_datagram_decodes_and_reencodes_to_identical_bytes(LegacyVectors.Vector vector) throws Exception {
        Frame frame = decode(vector.bytes());

        assertThat(frame.sequence()).isEqualTo(vector.sequence());
        assertThat(String.valueOf(frame.flag().letter())).isEqualTo(vector.flag());
        assertThat(frame.from().value()).isEqualTo(vector.from());
        assertThat(frame.to().value()).isEqualTo(vector.to());
        assertThat(frame.channel()).isEqualTo(vector.channel().equals("CTRL") ? BusChannel.CONTROL : BusChannel.DATA);
        assertThat(encode(frame)).isEqualTo(HexFormat.of().formatHex(vector.bytes()));
    }

    @Test
    void the_reference_set_covers_every_flag_the_format_defines() {
        List<String> flags = LegacyVectors.all().stream().map(LegacyVectors.Vector::flag).distinct().toList();
        assertThat(flags).containsExactlyInAnyOrder("N", "S", "I", "n", "f", "P", "T", "H", "C", "i", "s", "j", "A");
    }

    @Test
    void packed_vectors_decode_to_the_values_the_legacy_packer_was_given() throws Exception {
        List<LegacyVectors.Vector> vectors = LegacyVectors.packed();
        assertThat(decode(vectors.get(0).bytes()).payload()).isEqualTo(new SequenceStart(1000));
        assertThat(decode(vectors.get(1).bytes()).payload()).isEqualTo(new FloatReading(21.5f));
        assertThat(decode(vectors.get(2).bytes()).payload()).isEqualTo(new IntegerReading(4294967295L));
        assertThat(decode(vectors.get(3).bytes()).payload()).isEqualTo(new TextReading("open"));
        assertThat(decode(vectors.get(4).bytes()).payload())
                .isEqualTo(new JsonReading("{\"voltage\":1.875,\"value\":23.25}"));
        Frame proxy = decode(vectors.get(5).bytes());
        assertThat(proxy.sequence()).isEqualTo(2147483647L);
        assertThat(proxy.from()).isEqualTo(Codifier.of("X2"));
        assertThat(proxy.payload()).isEqualTo(new FloatReading(-0.5f));
        assertThat(decode(vectors.get(6).bytes()).payload()).isEqualTo(new ControlPayload(1795320292000.0, true));
        assertThat(decode(vectors.get(8).bytes()).payload()).isEqualTo(new ControlPayload(6.5, false));
    }

    @Test
    void captured_pong_echoes_the_time_component_of_its_ping() throws Exception {
        List<LegacyVectors.Vector> capture = LegacyVectors.capture();
        Frame ping = capture.stream().filter(v -> v.flag().equals("P")).findFirst().map(v -> decodeUnchecked(v.bytes())).orElseThrow();
        Frame pong = capture.stream().filter(v -> v.flag().equals("T")).findFirst().map(v -> decodeUnchecked(v.bytes())).orElseThrow();
        assertThat(pong.control().timeComponent()).isEqualTo(ping.control().timeComponent());
        assertThat(pong.to()).isEqualTo(ping.from());
    }

    @Test
    void a_float_reading_prints_as_the_float_the_wire_carries() {
        assertThat(new FloatReading(21.5f).toString()).isEqualTo("21.5");
        assertThat(new FloatReading(0.1f).toString()).isEqualTo("0.1");
    }

    @Test
    void text_and_json_round_trip_multibyte_utf8() throws Exception {
        Frame frame = Frame.data(5, 1_700_000_000_000L, Codifier.of("T1"), new TextReading("Tür offen ✓"));
        ByteBuf buf = Unpooled.buffer();
        FrameCodec.encode(frame, buf);
        assertThat(FrameCodec.encodedLength(frame)).isEqualTo(buf.readableBytes());
        assertThat(FrameCodec.decode(buf)).isEqualTo(frame);
        buf.release();
    }

    @Test
    void a_frame_over_the_datagram_limit_is_refused_on_encode() {
        Frame huge = Frame.data(1, 1, Codifier.of("T1"), new TextReading("x".repeat(FrameCodec.MAX_DATAGRAM_BYTES)));
        ByteBuf buf = Unpooled.buffer();
        assertThatThrownBy(() -> FrameCodec.encode(huge, buf)).hasMessageContaining("datagram limit");
        buf.release();
    }

    @Test
    void a_frame_refuses_a_payload_its_flag_cannot_carry() {
        assertThatThrownBy(() -> new Frame(1, 1, Flag.HALT, Codifier.of("T1"), Codifier.BROADCAST, new FloatReading(1f)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flag H cannot carry");
    }

    @Test
    void a_resend_request_is_a_37_byte_control_datagram_carrying_its_range() throws Exception {
        ResendRange range = new ResendRange(985818058, 3);
        Frame request = Frame.control(7, 1795320296293L, Flag.RESEND, Codifier.of("Q1"), Codifier.of("C1"),
                range.toTimeComponent(), true);

        String hex = encode(request);

        assertThat(hex).hasSize(37 * 2).startsWith("07000000" + "00000000" + "65b36d01a2010000" + "52" + "5131" + "4331");
        Frame decoded = decode(HexFormat.of().parseHex(hex));
        assertThat(decoded).isEqualTo(request);
        assertThat(ResendRange.fromTimeComponent(decoded.control().timeComponent())).isEqualTo(range);
    }

    static Frame decode(byte[] bytes) throws MalformedFrameException {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            return FrameCodec.decode(buf);
        } finally {
            buf.release();
        }
    }

    private static Frame decodeUnchecked(byte[] bytes) {
        try {
            return decode(bytes);
        } catch (MalformedFrameException e) {
            throw new AssertionError(e);
        }
    }

    static String encode(Frame frame) {
        ByteBuf buf = Unpooled.buffer();
        try {
            FrameCodec.encode(frame, buf);
            return io.netty.buffer.ByteBufUtil.hexDump(buf);
        } finally {
            buf.release();
        }
    }
}
