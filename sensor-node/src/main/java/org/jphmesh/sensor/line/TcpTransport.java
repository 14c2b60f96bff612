package org.jphmesh.sensor.line;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A TCP connection to {@code Host}:{@code Port}: a line device behind ser2net, or one that speaks TCP itself ({@code upsd}). */
record TcpTransport(String host, int port) implements LineTransport {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    // As for serial: closing is prompt, an idle device costs nothing.
    private static final int POLL_MILLIS = 250;

    @Override
    public LinePort open() throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(POLL_MILLIS);
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        return new LinePort() {
            @Override
            public int read(byte[] buffer) throws IOException {
                try {
                    return in.read(buffer);
                } catch (SocketTimeoutException idle) {
                    return 0;
                }
            }

            @Override
            public void write(byte[] bytes) throws IOException {
                out.write(bytes);
                out.flush();
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }

    @Override
    public String describe() {
        return host + ":" + port;
    }
}
