package org.jphmesh.sensor.alert.notify;

/**
 * One way out for notifications (a webhook, an e-mail account, an MQTT broker). Called from the outbox's own
 * thread, never from rule evaluation; may block up to its own timeout.
 */
public interface Notifier extends AutoCloseable {

    /** The channel's name in logs and counters: {@code webhook}, {@code email}, {@code mqtt}. */
    String name();

    /** Delivers {@code notification}; throws when it did not arrive, and the outbox retries later. */
    void deliver(Notification notification) throws Exception;

    @Override
    default void close() {
    }
}
