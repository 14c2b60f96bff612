package org.jphmesh.sensor.alert.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.frame.Codifier;

/**
 * A {@code Notify} block of an alerts entry or rule (docs/rules.md, "Notifications"), read once and strictly: an
 * unknown key, a missing {@code Url}, an unreadable password or headers file is refused at load with the key's name,
 * not found out at the first alert. {@code {}} means no notifications.
 */
public final class NotifySettings {

    private static final Set<String> KEYS = Set.of("Repeat", "Webhook", "Email", "Mqtt");

    private final Duration repeat;
    private final WebhookSettings webhook;
    private final EmailSettings email;
    private final MqttSettings mqtt;

    private NotifySettings(Duration repeat, WebhookSettings webhook, EmailSettings email, MqttSettings mqtt) {
        this.repeat = repeat;
        this.webhook = webhook;
        this.email = email;
        this.mqtt = mqtt;
    }

    /** Reads {@code notify}; throws {@link org.jphmesh.bus.config.ConfigException} naming the key it cannot use. */
    public static NotifySettings read(ConfigBlock notify) {
        KnownKeys.check(notify, KEYS);
        return new NotifySettings(notify.seconds("Repeat", null),
                notify.has("Webhook") ? WebhookSettings.read(notify.child("Webhook")) : null,
                notify.has("Email") ? EmailSettings.read(notify.child("Email")) : null,
                notify.has("Mqtt") ? MqttSettings.read(notify.child("Mqtt")) : null);
    }

    /** Seconds between repeats while a rule fires, or {@code null} for no repeats. */
    public Duration repeat() {
        return repeat;
    }

    /** No channel: nothing is sent. */
    public boolean isEmpty() {
        return webhook == null && email == null && mqtt == null;
    }

    /**
     * The channels, for an outbox to own: the MQTT one starts connecting at once. A host the network allow-list refuses
     * throws {@link org.jphmesh.sensor.driver.DriverUnavailableException} naming the block and the host, and no channel
     * is left open.
     */
    public List<Notifier> notifiers(Codifier node) {
        List<Notifier> channels = new ArrayList<>();
        try {
            if (webhook != null) {
                channels.add(new WebhookNotifier(webhook));
            }
            if (email != null) {
                channels.add(new EmailNotifier(email));
            }
            if (mqtt != null) {
                channels.add(new MqttNotifier(mqtt, node));
            }
        } catch (RuntimeException e) {
            channels.forEach(Notifier::close);
            throw e;
        }
        return List.copyOf(channels);
    }

    @Override
    public String toString() {
        return "NotifySettings[repeat " + repeat + ", " + webhook + ", " + email + ", " + mqtt + "]";
    }
}
