package org.jphmesh.bus.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.ControlPayload;
import org.jphmesh.bus.frame.DataPayload;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.IntegerReading;
import org.jphmesh.bus.frame.JsonReading;
import org.jphmesh.bus.frame.Payload;
import org.jphmesh.bus.frame.SequenceStart;
import org.jphmesh.bus.frame.TextReading;

/**
 * The legacy wire format as a pure function between bytes and {@link Frame}s.
 *
 * <p>The layout is what Python's {@code struct} produces with native little-endian alignment:
 * <pre>
 *  0  uint32 sequence     4  4 zero bytes     8  uint64 timestamp (ms)
 * 16  flag letter        17  from (2 ASCII)  19  to (2 ASCII)   21  3 zero bytes
 * 24  uint32 payload length                  28  payload
 * </pre>
 * Control payload: float64 time component, one byte active. Data payload: float32 ({@code f}),
 * uint32 ({@code i}, {@code n}), or uint32 byte length and UTF-8 text ({@code s}, {@code j}).
 *
 * <p>Decoding is strict about everything that carries meaning (lengths, flag, codifiers, UTF-8) and
 * ignores the padding bytes, which carry none. A canonical datagram decodes and re-encodes to the same bytes.
 */
public final class FrameCodec {

    public static final int HEADER_BYTES = 28;
    public static final int CONTROL_PAYLOAD_BYTES = 9;
    /** The largest datagram accepted or produced; far above any reading, far below the UDP limit. */
    public static final int MAX_DATAGRAM_BYTES = 8192;

    private static final int FLAG_OFFSET = 16;
    private static final int FROM_OFFSET = 17;
    private static final int TO_OFFSET = 19;
    private static final int LENGTH_OFFSET = 24;

    private FrameCodec() {
    }

    /** The number of bytes {@link #encode} writes for this frame. */
    public static int encodedLength(Frame frame) {
        return HEADER_BYTES + payloadLength(frame.payload());
    }

    /** Writes the frame at the buffer's writer index; throws if it would exceed {@link #MAX_DATAGRAM_BYTES}. */
    public static void encode(Frame frame, ByteBuf out) {
        int payloadLength = payloadLength(frame.payload());
        if (HEADER_BYTES + payloadLength > MAX_DATAGRAM_BYTES) {
            throw new IllegalArgumentException("frame of " + (HEADER_BYTES + payloadLength)
                    + " bytes exceeds the " + MAX_DATAGRAM_BYTES + "-byte datagram limit");
        }
        out.ensureWritable(HEADER_BYTES + payloadLength);
        out.writeIntLE((int) frame.sequence());
        out.writeIntLE(0);
        out.writeLongLE(frame.timestamp());
        out.writeByte(frame.flag().code());
        out.writeByte(frame.from().firstByte());
        out.writeByte(frame.from().secondByte());
        out.writeByte(frame.to().firstByte());
        out.writeByte(frame.to().secondByte());
        out.writeZero(3);
        out.writeIntLE(payloadLength);
        Payload payload = frame.payload();
        switch (frame.flag()) {
            case ALIVE, NEW_SEQUENCE, PING, PONG, START, HALT, RELOAD, SET, STEP, RESEND -> {
                ControlPayload control = (ControlPayload) payload;
                out.writeLongLE(Double.doubleToRawLongBits(control.timeComponent()));
                out.writeByte(control.active() ? 1 : 0);
            }
            case FLOAT -> out.writeIntLE(Float.floatToRawIntBits(((FloatReading) payload).value()));
            case INTEGER -> out.writeIntLE((int) ((IntegerReading) payload).value());
            case DATA_SEQUENCE -> out.writeIntLE((int) ((SequenceStart) payload).start());
            case TEXT -> writeText(((TextReading) payload).text(), out);
            case JSON -> writeText(((JsonReading) payload).json(), out);
        }
    }

    /**
     * Decodes the whole readable region of {@code in} as one datagram, without moving its indices.
     *
     * @throws MalformedFrameException naming the first rule the datagram breaks
     */
    public static Frame decode(ByteBuf in) throws MalformedFrameException {
        int start = in.readerIndex();
        int size = in.readableBytes();
        if (size < HEADER_BYTES) {
            throw new MalformedFrameException(MalformedReason.TOO_SHORT, size + " bytes, the header alone is 28");
        }
        if (size > MAX_DATAGRAM_BYTES) {
            throw new MalformedFrameException(MalformedReason.OVERSIZE, size + " bytes, limit " + MAX_DATAGRAM_BYTES);
        }
        long payloadLength = in.getUnsignedIntLE(start + LENGTH_OFFSET);
        long actual = size - HEADER_BYTES;
        if (payloadLength > actual) {
            throw new MalformedFrameException(MalformedReason.TRUNCATED,
                    "length field says " + payloadLength + " payload bytes, datagram has " + actual);
        }
        if (payloadLength < actual) {
            throw new MalformedFrameException(MalformedReason.TRAILING_BYTES,
                    "length field says " + payloadLength + " payload bytes, datagram has " + actual);
        }
        Flag flag = Flag.fromCode(in.getByte(start + FLAG_OFFSET));
        if (flag == null) {
            throw new MalformedFrameException(MalformedReason.UNKNOWN_FLAG,
                    "flag byte 0x" + Integer.toHexString(in.getUnsignedByte(start + FLAG_OFFSET)));
        }
        Codifier from = Codifier.fromBytes(in.getByte(start + FROM_OFFSET), in.getByte(start + FROM_OFFSET + 1));
        Codifier to = Codifier.fromBytes(in.getByte(start + TO_OFFSET), in.getByte(start + TO_OFFSET + 1));
        if (from == null || to == null) {
            throw new MalformedFrameException(MalformedReason.BAD_CODIFIER,
                    "codifier bytes " + ByteBufUtil.hexDump(in, start + FROM_OFFSET, 4) + " are not printable ASCII");
        }
        long sequence = in.getUnsignedIntLE(start);
        long timestamp = in.getLongLE(start + 8);
        if (timestamp < 0) {
            throw new MalformedFrameException(MalformedReason.BAD_PAYLOAD, "timestamp beyond the year 292 million");
        }
        int payloadAt = start + HEADER_BYTES;
        return new Frame(sequence, timestamp, flag, from, to, decodePayload(flag, in, payloadAt, (int) payloadLength));
    }

    private static Payload decodePayload(Flag flag, ByteBuf in, int at, int length)
            throws MalformedFrameException {
        if (flag.channel() == BusChannel.CONTROL) {
            requireLength(flag, length, CONTROL_PAYLOAD_BYTES);
            // Python's struct '?' reads any non-zero byte as True.
            return new ControlPayload(Double.longBitsToDouble(in.getLongLE(at)), in.getByte(at + 8) != 0);
        }
        return switch (flag) {
            case FLOAT -> {
                requireLength(flag, length, 4);
                yield new FloatReading(Float.intBitsToFloat(in.getIntLE(at)));
            }
            case INTEGER -> {
                requireLength(flag, length, 4);
                yield new IntegerReading(in.getUnsignedIntLE(at));
            }
            case DATA_SEQUENCE -> {
                requireLength(flag, length, 4);
                yield new SequenceStart(in.getUnsignedIntLE(at));
            }
            case TEXT -> new TextReading(readText(flag, in, at, length));
            case JSON -> new JsonReading(readText(flag, in, at, length));
            default -> throw new IllegalStateException("control flag " + flag + " reached the data branch");
        };
    }

    private static void requireLength(Flag flag, int length, int expected) throws MalformedFrameException {
        if (length != expected) {
            throw new MalformedFrameException(MalformedReason.BAD_PAYLOAD,
                    "flag " + flag.letter() + " carries " + expected + " payload bytes, not " + length);
        }
    }

    private static String readText(Flag flag, ByteBuf in, int at, int length) throws MalformedFrameException {
        if (length < 4) {
            throw new MalformedFrameException(MalformedReason.BAD_PAYLOAD,
                    "flag " + flag.letter() + " needs a 4-byte text length, payload has " + length + " bytes");
        }
        long textLength = in.getUnsignedIntLE(at);
        if (textLength != length - 4) {
            throw new MalformedFrameException(MalformedReason.BAD_PAYLOAD,
                    "text length " + textLength + " does not match the " + (length - 4) + " bytes that follow");
        }
        if (!ByteBufUtil.isText(in, at + 4, (int) textLength, StandardCharsets.UTF_8)) {
            throw new MalformedFrameException(MalformedReason.BAD_TEXT, "payload of flag " + flag.letter() + " is not UTF-8");
        }
        return in.toString(at + 4, (int) textLength, StandardCharsets.UTF_8);
    }

    private static int payloadLength(Payload payload) {
        if (payload instanceof ControlPayload) {
            return CONTROL_PAYLOAD_BYTES;
        }
        return switch (((DataPayload) payload).flag()) {
            case TEXT -> 4 + ByteBufUtil.utf8Bytes(((TextReading) payload).text());
            case JSON -> 4 + ByteBufUtil.utf8Bytes(((JsonReading) payload).json());
            default -> 4;
        };
    }

    private static void writeText(String text, ByteBuf out) {
        int lengthAt = out.writerIndex();
        out.writeIntLE(0);
        int written = out.writeCharSequence(text, StandardCharsets.UTF_8);
        out.setIntLE(lengthAt, written);
    }
}
