package org.jphmesh.bus.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameAuthenticatorTest {

    private static final byte[] KEY_1 = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_2 = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final long NOW = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    private final FrameAuthenticator signer = new FrameAuthenticator(AuthMode.require, KeyRing.of(Map.of(1, KEY_1), 1),
            Duration.ofSeconds(30), CLOCK);
    private ByteBuf datagram;

    @AfterEach
    void release() {
        if (datagram != null) {
            datagram.release();
        }
    }

    private ByteBuf signed(Frame frame, FrameAuthenticator by) {
        ByteBuf buf = Unpooled.buffer();
        FrameCodec.encode(frame, buf);
        by.sign(buf);
        return buf;
    }

    private static Frame halt(long sequence, long timestamp) {
        return Frame.control(sequence, timestamp, Flag.HALT, Codifier.of("CC"), Codifier.of("@@"), 1.0, true);
    }

    @Test
    void a_signed_frame_verifies_and_its_frame_bytes_decode_unchanged() throws Exception {
        Frame frame = halt(7, NOW);
        datagram = signed(frame, signer);
        assertThat(datagram.readableBytes()).isEqualTo(FrameCodec.encodedLength(frame) + FrameAuthenticator.TRAILER_BYTES);
        assertThat(signer.verifySignature(datagram)).isEqualTo(AuthVerdict.VALID);
        assertThat(FrameCodec.decode(datagram.slice(0, FrameAuthenticator.frameLength(datagram)))).isEqualTo(frame);
        assertThat(signer.admit(frame)).isEqualTo(AuthVerdict.VALID);
    }

    @Test
    void flipping_any_single_bit_of_frame_or_trailer_is_refused() {
        datagram = signed(halt(7, NOW), signer);
        int length = datagram.readableBytes();
        for (int bit = 0; bit < (length - 5) * 8; bit++) {
            ByteBuf flipped = datagram.copy();
            flipped.setByte(bit / 8, flipped.getByte(bit / 8) ^ (1 << (bit % 8)));
            assertThat(signer.verifySignature(flipped)).as("bit " + bit).isIn(AuthVerdict.BAD_SIGNATURE, AuthVerdict.UNKNOWN_KEY);
            flipped.release();
        }
    }

    @Test
    void unsigned_and_wrong_key_frames_are_told_apart() {
        datagram = Unpooled.buffer();
        FrameCodec.encode(halt(7, NOW), datagram);
        assertThat(signer.verifySignature(datagram)).isEqualTo(AuthVerdict.UNSIGNED);
        FrameAuthenticator stranger = new FrameAuthenticator(AuthMode.require, KeyRing.of(Map.of(1, KEY_2), 1),
                Duration.ofSeconds(30), CLOCK);
        ByteBuf forged = signed(halt(8, NOW), stranger);
        assertThat(signer.verifySignature(forged)).isEqualTo(AuthVerdict.BAD_SIGNATURE);
        forged.release();
        FrameAuthenticator otherId = new FrameAuthenticator(AuthMode.require, KeyRing.of(Map.of(9, KEY_1), 9),
                Duration.ofSeconds(30), CLOCK);
        ByteBuf unknown = signed(halt(9, NOW), otherId);
        assertThat(signer.verifySignature(unknown)).isEqualTo(AuthVerdict.UNKNOWN_KEY);
        unknown.release();
    }

    @Test
    void during_a_rotation_both_keys_are_accepted() {
        FrameAuthenticator rotating = new FrameAuthenticator(AuthMode.require, KeyRing.of(Map.of(1, KEY_1, 2, KEY_2), 2),
                Duration.ofSeconds(30), CLOCK);
        FrameAuthenticator newSigner = new FrameAuthenticator(AuthMode.require, KeyRing.of(Map.of(2, KEY_2), 2),
                Duration.ofSeconds(30), CLOCK);
        ByteBuf old = signed(halt(1, NOW), signer);
        ByteBuf renewed = signed(halt(2, NOW), newSigner);
        assertThat(rotating.verifySignature(old)).isEqualTo(AuthVerdict.VALID);
        assertThat(rotating.verifySignature(renewed)).isEqualTo(AuthVerdict.VALID);
        assertThat(signer.verifySignature(renewed)).isEqualTo(AuthVerdict.UNKNOWN_KEY);
        old.release();
        renewed.release();
    }

    @Test
    void a_replayed_or_stale_frame_is_refused_after_its_first_acceptance() {
        Frame frame = halt(7, NOW);
        assertThat(signer.admit(frame)).isEqualTo(AuthVerdict.VALID);
        assertThat(signer.admit(frame)).isEqualTo(AuthVerdict.REPLAYED);
        assertThat(signer.admit(halt(8, NOW))).isEqualTo(AuthVerdict.VALID);
        assertThat(signer.admit(halt(9, NOW - 31_000))).isEqualTo(AuthVerdict.STALE);
        assertThat(signer.admit(halt(10, NOW + 31_000))).isEqualTo(AuthVerdict.STALE);
    }

    @Test
    void a_frame_captured_before_a_restart_is_refused_after_it() {
        // The H was signed and accepted 9 s before the receiver restarted; its new replay window starts empty.
        Frame captured = halt(11, NOW - 9_000);
        TestClock clock = new TestClock(NOW - 9_000);
        FrameAuthenticator before = new FrameAuthenticator(AuthMode.require, KeyRing.of(Map.of(1, KEY_1), 1),
                Duration.ofSeconds(30), clock);
        assertThat(before.admit(captured)).isEqualTo(AuthVerdict.VALID);
        clock.set(NOW);
        FrameAuthenticator restarted = new FrameAuthenticator(AuthMode.require, KeyRing.of(Map.of(1, KEY_1), 1),
                Duration.ofSeconds(30), clock);
        assertThat(restarted.admit(captured)).isEqualTo(AuthVerdict.STALE);
        // A host whose clock is a second behind is still heard right after the restart.
        assertThat(restarted.admit(halt(12, NOW - 1_000))).isEqualTo(AuthVerdict.VALID);
    }

    @Test
    void an_unsigned_text_reading_is_not_mistaken_for_a_signed_one() {
        datagram = Unpooled.buffer();
        FrameCodec.encode(Frame.data(1, NOW, Codifier.of("S1"), Readings.text("plain text reading")), datagram);
        assertThat(FrameAuthenticator.hasTrailer(datagram)).isFalse();
        assertThat(FrameAuthenticator.frameLength(datagram)).isEqualTo(datagram.readableBytes());
    }

    @Test
    void short_keys_and_a_missing_signing_key_are_refused() {
        assertThatThrownBy(() -> KeyRing.of(Map.of(1, new byte[8]), 1)).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> KeyRing.of(Map.of(1, KEY_1), 2)).hasMessageContaining("signing key 2");
    }
}
