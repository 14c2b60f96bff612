package org.jphmesh.bus.config;

/** A configuration that cannot be used; the message names the key and, for sensors, the entry. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
