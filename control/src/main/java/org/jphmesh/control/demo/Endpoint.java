package org.jphmesh.control.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Where the demo expects a service, as config.json names it, and whether something answers there. */
record Endpoint(String service, String host, int port) {

    /** True when a TCP connection to the endpoint opens within half a second. */
    boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return service + " at " + host + ":" + port;
    }
}
