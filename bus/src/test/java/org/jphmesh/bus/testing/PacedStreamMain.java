package org.jphmesh.bus.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;

/**
 * A paced stream of legacy {@code f} readings from its own process, so a benchmark measures a receiver that
 * does not share its JVM with the sender: {@code PacedStreamMain <group> <port> <per second> <seconds>
 * <codifiers>} sends on {@code lo} with TTL 0, round-robin over codifiers {@code 00}, {@code 01}, ... each
 * with its own sequence counting up from 1 and its own timestamps. It prints {@code sending} as it starts and
 * {@code sent <n> in <ms> ms} at the end.
 * A rate of 0 sends as fast as it can.
 */
public final class PacedStreamMain {

    private static final int SEQUENCE_OFFSET = 0;
    private static final int TIMESTAMP_OFFSET = 8;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private PacedStreamMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: PacedStreamMain <group> <port> <per second> <seconds> <codifiers>");
            System.exit(2);
        }
        InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
        long rate = Long.parseLong(args[2]);
        long seconds = Long.parseLong(args[3]);
        int codifiers = Integer.parseInt(args[4]);
        ByteBuffer[] datagrams = new ByteBuffer[codifiers];
        long[] sequences = new long[codifiers];
        long[] stamps = new long[codifiers];
        long now = System.currentTimeMillis();
        for (int i = 0; i < codifiers; i++) {
            datagrams[i] = encoded(codifier(i), now);
            stamps[i] = now;
        }
        try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
            channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 0);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 * 1024 * 1024);
            System.out.println("sending");
            System.out.flush();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            long sent = 0;
            for (long t = start; t < end; t = System.nanoTime()) {
                long due = rate == 0 ? sent + 64 : (t - start) * rate / 1_000_000_000L;
                while (sent < due) {
                    int i = (int) (sent % codifiers);
                    ByteBuffer datagram = datagrams[i];
                    datagram.putInt(SEQUENCE_OFFSET, (int) ++sequences[i]);
                    // One millisecond apart per codifier, so (codifier, time, sequence) stays a unique row.
                    datagram.putLong(TIMESTAMP_OFFSET, ++stamps[i]);
                    datagram.rewind();
                    channel.send(datagram, to);
                    sent++;
                }
            }
            System.out.printf(Locale.ROOT, "sent %d in %d ms%n", sent, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** What {@link #send} reports: frames sent, and when (this JVM's {@link System#nanoTime}) sending began. */
    public record Sent(long frames, long startedNanos) {
    }

    /** Runs a stream in a process of its own on this JVM's class path and waits for it to end. */
    public static Sent send(String group, int port, long perSecond, int seconds, int codifiers)
            throws IOException, InterruptedException {
        Process sender = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PacedStreamMain.class.getName(), group,
                String.valueOf(port), String.valueOf(perSecond), String.valueOf(seconds), String.valueOf(codifiers))
                .redirectErrorStream(true).start();
        long sent = -1;
        long started = System.nanoTime();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(sender.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("sending")) {
                    started = System.nanoTime();
                } else if (line.startsWith("sent ")) {
                    sent = Long.parseLong(line.split(" ")[1]);
                } else {
                    System.out.println("sender: " + line);
                }
            }
        }
        if (sender.waitFor() != 0 || sent < 0) {
            throw new IllegalStateException("the paced stream's process failed (exit " + sender.exitValue() + ")");
        }
        return new Sent(sent, started);
    }

    /** The i-th codifier of the stream: two characters of 0-9A-Z, at most 1,296. */
    public static Codifier codifier(int i) {
        return Codifier.of("" + ALPHABET.charAt(i / ALPHABET.length()) + ALPHABET.charAt(i % ALPHABET.length()));
    }

    private static ByteBuffer encoded(Codifier codifier, long stamp) {
        ByteBuf buf = Unpooled.buffer();
        FrameCodec.encode(Frame.data(1, stamp, codifier, new FloatReading(21.5f)), buf);
        ByteBuffer bytes = ByteBuffer.allocateDirect(buf.readableBytes()).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(buf.nioBuffer()).flip();
        buf.release();
        return bytes;
    }
}
