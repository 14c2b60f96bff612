package org.jphmesh.sensor.alert.notify;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** STUB until the notify branch lands. */
public final class NotificationOutbox implements AutoCloseable {

    private final List<Notifier> channels;

    private NotificationOutbox(List<Notifier> channels) {
        this.channels = channels;
    }

    public static NotificationOutbox open(String label, Path folder, List<Notifier> channels, Clock clock) {
        return new NotificationOutbox(channels);
    }

    public void submit(Notification notification) {
        for (Notifier channel : channels) {
            try {
                channel.deliver(notification);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
    }
}
