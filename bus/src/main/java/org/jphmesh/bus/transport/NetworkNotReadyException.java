package org.jphmesh.bus.transport;

/**
 * The interface a node needs is not there yet, or none is up: at boot, before Wi-Fi has an address, this
 * passes by itself, so programs exit with a code that their units restart (unlike a config error).
 */
public final class NetworkNotReadyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public NetworkNotReadyException(String message) {
        super(message);
    }
}
