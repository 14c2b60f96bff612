package org.jphmesh.bus.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Bad datagrams for tests: one of each kind the decoder must refuse, and seeded random mutations of
 * good ones. Built from raw bytes, independently of the codec under test.
 */
public final class MalformedDatagrams {

    /** A good control datagram (a legacy ping) and a good data datagram (a legacy float reading). */
    public static final byte[] GOOD_CONTROL = HexFormat.of().parseHex(
            "070000000000000018a66d01a201000050434354310000000900000000002ada16207a4201");
    public static final byte[] GOOD_DATA = HexFormat.of().parseHex(
            "e90300000000000018a66d01a20100006654314040000000040000000000ac41");
    public static final byte[] GOOD_TEXT = HexFormat.of().parseHex(
            "eb030000000000001aa66d01a2010000735431404000000008000000040000006f70656e");

    private MalformedDatagrams() {
    }

    /** Datagrams each breaking one rule: short, truncated, over-long, length field, flag, codifier, payload, UTF-8, size. */
    public static List<byte[]> oneOfEachKind(boolean forControlBus) {
        byte[] good = forControlBus ? GOOD_CONTROL : GOOD_DATA;
        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[0]);
        bad.add(Arrays.copyOf(good, 20));
        bad.add(Arrays.copyOf(good, good.length - 1));
        bad.add(Arrays.copyOf(good, good.length + 3));
        bad.add(withInt(good, 24, 0x7FFF_FFFF));
        bad.add(withByte(good, 16, (byte) 'Z'));
        bad.add(withByte(good, 17, (byte) 0xC3));
        bad.add(withByte(good, 20, (byte) 0x00));
        bad.add(forControlBus ? GOOD_DATA : GOOD_CONTROL);
        byte[] badText = withByte(GOOD_TEXT, 33, (byte) 0xFF);
        bad.add(badText);
        bad.add(withInt(GOOD_TEXT, 28, 5));
        bad.add(new byte[9000]);
        return bad;
    }

    /** {@code count} datagrams, each a seeded random mutation of a good one; most are malformed, some not. */
    public static List<byte[]> mutations(long seed, int count) {
        Random random = new Random(seed);
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(mutate(random, pick(random)));
        }
        return out;
    }

    /** One random mutation: bit flips, byte overwrites, truncation, extension, or a changed length field. */
    public static byte[] mutate(Random random, byte[] source) {
        byte[] bytes = source.clone();
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    if (bytes.length > 0) {
                        int at = random.nextInt(bytes.length);
                        bytes[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> {
                    if (bytes.length > 0) {
                        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    }
                }
                case 2 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                case 3 -> {
                    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(16));
                    for (int i = bytes.length; i < longer.length; i++) {
                        longer[i] = (byte) random.nextInt(256);
                    }
                    bytes = longer;
                }
                case 4 -> {
                    if (bytes.length >= 28) {
                        bytes = withInt(bytes, 24, random.nextInt(64) - 8);
                    }
                }
                default -> {
                    if (bytes.length >= 32) {
                        bytes = withInt(bytes, 28, random.nextInt(64) - 8);
                    }
                }
            }
        }
        return bytes;
    }

    private static byte[] pick(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> GOOD_CONTROL;
            case 1 -> GOOD_DATA;
            default -> GOOD_TEXT;
        };
    }

    private static byte[] withByte(byte[] source, int at, byte value) {
        byte[] copy = source.clone();
        copy[at] = value;
        return copy;
    }

    private static byte[] withInt(byte[] source, int at, int value) {
        byte[] copy = source.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        return copy;
    }
}
