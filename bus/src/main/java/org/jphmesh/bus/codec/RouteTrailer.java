package org.jphmesh.bus.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The 10-byte trailer a router appends to a frame it forwards into a segment of Java nodes: the segment
 * the frame entered the mesh on and how many routers it has crossed. It comes after the frame and after
 * its signature, outside the signed bytes, so routers can count hops without breaking signatures.
 *
 * <p>Layout: origin segment id (uint32 LE), hops (1), version {@code 0x01}, magic {@code JPHR}. A datagram
 * carries one only when its length is the frame's own length (from its length field), optionally plus a
 * signature, plus 10: a frame whose text happens to end in {@code JPHR} is never mistaken for one.
 *
 * @param origin the CRC-32 of the name of the segment the frame entered the mesh on
 * @param hops   routers crossed so far
 */
public record RouteTrailer(int origin, int hops) {

    public static final int BYTES = 4 + 1 + 1 + 4;
    /** The signature trailer's length; repeated here so the codec does not depend on the auth package. */
    private static final int SIGNATURE_BYTES = 38;
    private static final byte VERSION = 1;
    private static final int MAGIC = 0x4A504852; // "JPHR"
    private static final int LENGTH_FIELD = 24;

    public RouteTrailer {
        if (hops < 0 || hops > 255) {
            throw new IllegalArgumentException("hops must be 0..255, not " + hops);
        }
    }

    /** The id a segment's name travels as. */
    public static int segmentId(String segmentName) {
        CRC32 crc = new CRC32();
        crc.update(segmentName.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /** The trailer at the end of {@code datagram}, or {@code null} when it has none. */
    public static RouteTrailer read(ByteBuf datagram) {
        if (!present(datagram)) {
            return null;
        }
        int at = datagram.writerIndex() - BYTES;
        return new RouteTrailer(datagram.getIntLE(at), datagram.getUnsignedByte(at + 4));
    }

    /** True when the datagram ends in a route trailer that its frame's length field leaves room for. */
    public static boolean present(ByteBuf datagram) {
        int length = datagram.readableBytes();
        int end = datagram.writerIndex();
        if (length < FrameCodec.HEADER_BYTES + BYTES || datagram.getInt(end - 4) != MAGIC
                || datagram.getByte(end - 5) != VERSION) {
            return false;
        }
        long frame = FrameCodec.HEADER_BYTES + datagram.getUnsignedIntLE(datagram.readerIndex() + LENGTH_FIELD);
        long rest = length - BYTES;
        return rest == frame || rest == frame + SIGNATURE_BYTES;
    }

    /** The datagram without its route trailer (a slice), or the datagram itself when it has none. */
    public static ByteBuf strip(ByteBuf datagram) {
        return present(datagram) ? datagram.slice(datagram.readerIndex(), datagram.readableBytes() - BYTES) : datagram;
    }

    public void write(ByteBuf out) {
        out.writeIntLE(origin).writeByte(hops).writeByte(VERSION).writeInt(MAGIC);
    }
}
