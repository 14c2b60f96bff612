package org.jphmesh.bus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A node written from the legacy README alone, with plain {@code java.net} sockets and a
 * {@link ByteBuffer}, sharing no code with the bus: what a Python node on the wire looks like to the
 * Java tools. It sends {@code N}, then {@code n} and a float reading of 42.0 every interval while
 * active, answers {@code P} with {@code T}, and obeys {@code H}, {@code S} and {@code C}. Like the legacy
 * library, it stops for good at one {@code I} or {@code N} of its own codifier announcing a later start.
 */
public final class LegacyReferenceNode implements AutoCloseable {

    private final String code;
    private final TestMesh mesh;
    private final MulticastSocket control;
    private final MulticastSocket data;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final List<Character> flagsReceived = new CopyOnWriteArrayList<>();
    private volatile boolean active = true;
    private volatile boolean running = true;
    private volatile boolean replaced;
    private long controlSeq;
    private long dataSeq;
    private boolean dataAnnounced;
    private double startTime;

    public LegacyReferenceNode(String code, TestMesh mesh, long intervalMillis) {
        this.code = code;
        this.mesh = mesh;
        this.control = open(mesh.controlGroup(), mesh.controlPort());
        this.data = open(mesh.dataGroup(), mesh.dataPort());
        this.dataSeq = ThreadLocalRandom.current().nextLong(1L << 31);
        newControlSequence();
        executor.execute(this::listen);
        executor.scheduleAtFixedRate(this::sensorTick, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    public boolean isActive() {
        return active;
    }

    /** True once it stopped for a newer instance of its codifier, as jph.py did with sys.exit(). */
    public boolean replaced() {
        return replaced;
    }

    /** The control flags addressed to this node, in arrival order. */
    public List<Character> flagsReceived() {
        return flagsReceived;
    }

    private synchronized void newControlSequence() {
        controlSeq = ThreadLocalRandom.current().nextLong(1L << 31);
        startTime = System.currentTimeMillis();
        sendControl(controlSeq, 'N', "@@", startTime);
    }

    private synchronized void sensorTick() {
        if (!active) {
            return;
        }
        if (!dataAnnounced) {
            send(data, mesh.dataGroup(), mesh.dataPort(), header(dataSeq, 'n', "@@", 4).putInt((int) dataSeq));
            dataAnnounced = true;
        }
        dataSeq++;
        send(data, mesh.dataGroup(), mesh.dataPort(), header(dataSeq, 'f', "@@", 4).putFloat(42.0f));
    }

    private void listen() {
        byte[] buffer = new byte[2048];
        while (running) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                control.receive(packet);
            } catch (IOException e) {
                return;
            }
            if (packet.getLength() != 37) {
                continue;
            }
            ByteBuffer in = ByteBuffer.wrap(buffer, 0, 37).order(ByteOrder.LITTLE_ENDIAN);
            char flag = (char) in.get(16);
            String from = new String(buffer, 17, 2, StandardCharsets.US_ASCII);
            String to = new String(buffer, 19, 2, StandardCharsets.US_ASCII);
            double timeComponent = in.getDouble(28);
            if (from.equals(code) && (flag == 'I' || flag == 'N') && timeComponent > startTime) {
                replaced = true;
                active = false;
                running = false;
                return;
            }
            if (from.equals(code) || !(to.equals(code) || to.equals("@@"))) {
                continue;
            }
            flagsReceived.add(flag);
            synchronized (this) {
                switch (flag) {
                    case 'P' -> sendControl(++controlSeq, 'T', from, timeComponent);
                    case 'H' -> {
                        active = false;
                        sendControl(++controlSeq, 'I', "@@", startTime);
                    }
                    case 'S' -> {
                        active = true;
                        sendControl(++controlSeq, 'I', "@@", startTime);
                    }
                    case 'C' -> newControlSequence();
                    default -> {
                    }
                }
            }
        }
    }

    private void sendControl(long seq, char flag, String to, double timeComponent) {
        ByteBuffer out = header(seq, flag, to, 9).putDouble(timeComponent).put((byte) (active ? 1 : 0));
        send(control, mesh.controlGroup(), mesh.controlPort(), out);
    }

    private ByteBuffer header(long seq, char flag, String to, int payloadLength) {
        ByteBuffer out = ByteBuffer.allocate(28 + payloadLength).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt((int) seq).putInt(0).putLong(System.currentTimeMillis()).put((byte) flag)
                .put(code.getBytes(StandardCharsets.US_ASCII)).put(to.getBytes(StandardCharsets.US_ASCII))
                .put(new byte[3]).putInt(payloadLength);
        return out;
    }

    private static void send(MulticastSocket socket, String group, int port, ByteBuffer datagram) {
        try {
            socket.send(new DatagramPacket(datagram.array(), datagram.position(), InetAddress.getByName(group), port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MulticastSocket open(String group, int port) {
        try {
            NetworkInterface lo = NetworkInterface.getByName("lo");
            MulticastSocket socket = new MulticastSocket(null);
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            socket.setNetworkInterface(lo);
            socket.setTimeToLive(0);
            socket.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            socket.joinGroup(new InetSocketAddress(InetAddress.getByName(group), 0), lo);
            return socket;
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        executor.shutdownNow();
        control.close();
        data.close();
    }
}
