package org.jphmesh.bus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * An attacker on the LAN, unsigned, in the legacy wire format: forged announcements of a victim's codifier, forged
 * halts, and readings from a flood of made-up codifiers. Only the JDK, so a shell test runs it as a single file:
 * {@code java bus/src/test/java/org/jphmesh/bus/testing/LanAttacker.java GROUP PORT DATAGROUP DATAPORT VICTIM COUNT}.
 * Sends only through {@code lo} with TTL 0.
 */
public final class LanAttacker implements AutoCloseable {

    private final MulticastSocket socket;
    private final InetAddress control;
    private final int controlPort;
    private final InetAddress data;
    private final int dataPort;
    private long sent;

    public LanAttacker(String controlGroup, int controlPort, String dataGroup, int dataPort) {
        try {
            this.socket = new MulticastSocket(0);
            socket.setNetworkInterface(NetworkInterface.getByName("lo"));
            socket.setTimeToLive(0);
            this.control = InetAddress.getByName(controlGroup);
            this.controlPort = controlPort;
            this.data = InetAddress.getByName(dataGroup);
            this.dataPort = dataPort;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} forged {@code N} of {@code victim}, each with a random sequence and a start time a minute ahead. */
    public void announceAs(String victim, int count) {
        for (int i = 0; i < count; i++) {
            long now = System.currentTimeMillis();
            send(control, controlPort, controlFrame(random(), now, 'N', victim, "@@", now + 60_000));
        }
    }

    /** {@code count} forged {@code H} to {@code target}, from a console's codifier. */
    public void halt(String target, int count) {
        for (int i = 0; i < count; i++) {
            send(control, controlPort, controlFrame(random(), System.currentTimeMillis(), 'H', "CC", target, 1));
        }
    }

    /** One {@code n} and one {@code f} reading from each of {@code count} made-up codifiers (none in a sane config). */
    public void floodCodifiers(int count) {
        for (int i = 0; i < count; i++) {
            // Lower-case letter then any printable: 26 x 94 codifiers, none of which a config of the demo's kind uses.
            String code = String.format("%c%c", (char) ('a' + i / 94 % 26), (char) ('!' + i % 94));
            long seq = random();
            long now = System.currentTimeMillis();
            send(data, dataPort, header(seq, now, 'n', code, "@@", 4).putInt((int) seq));
            send(data, dataPort, header(seq + 1, now, 'f', code, "@@", 4).putFloat(i));
        }
    }

    private static long random() {
        return ThreadLocalRandom.current().nextLong(1L << 31);
    }

    private static ByteBuffer controlFrame(long seq, long timestamp, char flag, String from, String to, double time) {
        return header(seq, timestamp, flag, from, to, 9).putDouble(time).put((byte) 1);
    }

    private static ByteBuffer header(long seq, long timestamp, char flag, String from, String to, int payload) {
        return ByteBuffer.allocate(28 + payload).order(ByteOrder.LITTLE_ENDIAN).putInt((int) seq).putInt(0)
                .putLong(timestamp).put((byte) flag).put(from.getBytes(StandardCharsets.US_ASCII))
                .put(to.getBytes(StandardCharsets.US_ASCII)).put(new byte[3]).putInt(payload);
    }

    private void send(InetAddress group, int port, ByteBuffer datagram) {
        // A millisecond every 50 datagrams: the attack must reach the programs, not die in a full socket buffer.
        if (++sent % 50 == 0) {
            LockSupport.parkNanos(1_000_000);
        }
        try {
            socket.send(new DatagramPacket(datagram.array(), datagram.position(), group, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    /** GROUP PORT DATAGROUP DATAPORT VICTIM COUNT: COUNT forged N of VICTIM, COUNT H to it and to @@, COUNT flood codifiers. */
    public static void main(String[] args) {
        int count = Integer.parseInt(args[5]);
        try (LanAttacker attacker = new LanAttacker(args[0], Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]))) {
            attacker.announceAs(args[4], count);
            attacker.halt(args[4], count);
            attacker.halt("@@", count);
            attacker.floodCodifiers(count);
        }
        System.out.println("sent " + count + " forged N of " + args[4] + ", " + 2 * count + " H and " + count
                + " flood codifiers");
    }
}
