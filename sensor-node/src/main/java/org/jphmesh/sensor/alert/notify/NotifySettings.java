package org.jphmesh.sensor.alert.notify;

import java.time.Duration;
import java.util.List;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.frame.Codifier;

/** STUB until the notify branch lands. */
public final class NotifySettings {

    private final Duration repeat;
    private final boolean empty;

    private NotifySettings(Duration repeat, boolean empty) {
        this.repeat = repeat;
        this.empty = empty;
    }

    public static NotifySettings read(ConfigBlock notify) {
        return new NotifySettings(notify.seconds("Repeat", null), !notify.has("Webhook") && !notify.has("Email") && !notify.has("Mqtt"));
    }

    public Duration repeat() {
        return repeat;
    }

    public boolean isEmpty() {
        return empty;
    }

    public List<Notifier> notifiers(Codifier node) {
        return List.of();
    }
}
