package org.jphmesh.bus.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Random;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.testing.MalformedDatagrams;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the decoder over the legacy vectors. The normal build runs
 * {@code jph.fuzz.iterations} (20,000) inputs; the {@code bench} profile runs 1,000,000.
 */
class FrameCodecFuzzTest {

    private static final int ITERATIONS = Integer.getInteger("jph.fuzz.iterations", 20_000);

    @Test
    void no_mutated_datagram_makes_the_decoder_throw_anything_but_a_counted_malformed_frame() {
        List<byte[]> seeds = LegacyVectors.all().stream().map(LegacyVectors.Vector::bytes).toList();
        Random random = new Random(20261122L);
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = MalformedDatagrams.mutate(random, seeds.get(random.nextInt(seeds.size())));
            ByteBuf buf = Unpooled.wrappedBuffer(input);
            try {
                Frame frame = FrameCodec.decode(buf);
                decoded++;
                assertThat(FrameCodecTest.decode(reencode(frame))).isEqualTo(frame);
            } catch (MalformedFrameException e) {
                refused++;
                assertThat(e.reason()).isNotNull();
            } catch (RuntimeException e) {
                fail("input " + io.netty.buffer.ByteBufUtil.hexDump(input) + " escaped as " + e, e);
            } finally {
                buf.release();
            }
        }
        System.out.printf("fuzz: %d inputs, %d decoded, %d refused%n", ITERATIONS, decoded, refused);
        assertThat(decoded + refused).isEqualTo(ITERATIONS);
        assertThat(refused).isGreaterThan(ITERATIONS / 2);
        assertThat(decoded).isPositive();
    }

    private static byte[] reencode(Frame frame) {
        ByteBuf out = Unpooled.buffer();
        try {
            FrameCodec.encode(frame, out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }
}
