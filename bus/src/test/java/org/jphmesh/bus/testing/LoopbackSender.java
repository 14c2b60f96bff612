package org.jphmesh.bus.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.frame.Frame;

/**
 * Sends raw datagrams to a test bus through {@code lo} with TTL 0 only. Tests that hand-craft
 * datagrams use this, never a plain {@code DatagramSocket}, whose multicast would follow the
 * default route onto a real network.
 */
public final class LoopbackSender implements AutoCloseable {

    private final MulticastSocket socket;

    public LoopbackSender() {
        try {
            socket = new MulticastSocket(0);
            socket.setNetworkInterface(NetworkInterface.getByName("lo"));
            socket.setTimeToLive(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A frame's datagram, as the codec writes it, for tests that send it by hand (a forgery, a flood). */
    public static byte[] encode(Frame frame) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            FrameCodec.encode(frame, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }

    public void send(byte[] datagram, String group, int port) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getByName(group), port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
