package org.jphmesh.bus.auth;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import org.jphmesh.bus.frame.Frame;

/**
 * Signs and checks JPH datagrams with an HMAC-SHA-256 trailer (docs/security.md). The trailer follows the
 * legacy datagram, which carries its own length, so the frame bytes are unchanged:
 *
 * <pre>
 *   frame (28-byte header + payload) | key id (1) | HMAC-SHA-256 (32) | version 0x01 (1) | "JPHA" (4)
 * </pre>
 *
 * The MAC covers the frame bytes, the key id and the version. A replay is refused by {@link ReplayWindow}
 * after the frame is decoded, so the timestamp it checks is the authenticated one.
 */
public final class FrameAuthenticator {

    static final String ALGORITHM = "HmacSHA256";
    public static final int TRAILER_BYTES = 1 + 32 + 1 + 4;
    private static final byte VERSION = 1;
    private static final int MAGIC = 0x4A504841; // "JPHA"

    private final AuthMode mode;
    private final KeyRing keys;
    private final ReplayWindow replays;
    private final Clock clock;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(FrameAuthenticator::newMac);

    public FrameAuthenticator(AuthMode mode, KeyRing keys, Duration replayWindow, Clock clock) {
        this.mode = mode;
        this.keys = keys;
        this.clock = clock;
        this.replays = new ReplayWindow(replayWindow.toMillis(), 200_000, clock.millis());
    }

    public AuthMode mode() {
        return mode;
    }

    /** True when this node signs what it sends. */
    public boolean signs() {
        return mode != AuthMode.off && keys != null;
    }

    /** Appends the trailer to the frame bytes between {@code frame}'s reader and writer index. */
    public void sign(ByteBuf frame) {
        int id = keys.signingId();
        byte[] mac = mac(keys.key(id), frame, frame.readerIndex(), frame.readableBytes(), id);
        frame.writeByte(id).writeBytes(mac).writeByte(VERSION).writeInt(MAGIC);
    }

    /** True when the datagram ends in a signature trailer (it may still be a forged one). */
    public static boolean hasTrailer(ByteBuf datagram) {
        int end = datagram.writerIndex();
        return datagram.readableBytes() > TRAILER_BYTES && datagram.getInt(end - 4) == MAGIC
                && datagram.getByte(end - 5) == VERSION;
    }

    /** The number of frame bytes before the trailer: the datagram's length when it has none. */
    public static int frameLength(ByteBuf datagram) {
        return hasTrailer(datagram) ? datagram.readableBytes() - TRAILER_BYTES : datagram.readableBytes();
    }

    /** Checks the trailer's MAC (not yet freshness): VALID, UNSIGNED, BAD_SIGNATURE or UNKNOWN_KEY. */
    public AuthVerdict verifySignature(ByteBuf datagram) {
        if (!hasTrailer(datagram)) {
            return AuthVerdict.UNSIGNED;
        }
        int frameLength = frameLength(datagram);
        int trailer = datagram.readerIndex() + frameLength;
        int id = datagram.getUnsignedByte(trailer);
        SecretKey key = keys == null ? null : keys.key(id);
        if (key == null) {
            return AuthVerdict.UNKNOWN_KEY;
        }
        byte[] expected = mac(key, datagram, datagram.readerIndex(), frameLength, id);
        byte[] received = new byte[32];
        datagram.getBytes(trailer + 1, received);
        return MessageDigest.isEqual(expected, received) ? AuthVerdict.VALID : AuthVerdict.BAD_SIGNATURE;
    }

    /** After a valid signature: refuses the frame when stale or already accepted. */
    public AuthVerdict admit(Frame frame) {
        return replays.admit(frame, clock.millis());
    }

    private byte[] mac(SecretKey key, ByteBuf bytes, int from, int length, int id) {
        Mac mac = macs.get();
        try {
            mac.init(key);
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException("HMAC key refused: " + e.getMessage(), e);
        }
        ByteBuffer view = bytes.nioBuffer(from, length);
        mac.update(view);
        mac.update((byte) id);
        mac.update(VERSION);
        return mac.doFinal();
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no " + ALGORITHM, e);
        }
    }
}
