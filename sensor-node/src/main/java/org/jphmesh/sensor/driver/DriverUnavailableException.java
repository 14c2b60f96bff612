package org.jphmesh.sensor.driver;

/**
 * A driver that cannot run here: missing hardware, a retired service, an entry it cannot use. The node
 * exits 2 with this message, which says what is missing and what to do instead.
 */
public final class DriverUnavailableException extends RuntimeException {

    public DriverUnavailableException(String message) {
        super(message);
    }

    public DriverUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
