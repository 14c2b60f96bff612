package org.jphmesh.sensor.alert.notify;

import java.net.URI;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.jphmesh.app.mqtt.MqttBroker;
import org.jphmesh.app.mqtt.MqttConnection;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.sensor.driver.NetworkGuard;

/**
 * Publishes the notification's JSON to {@code <Topic>/<alert>} at QoS 1 and returns once the broker acknowledged it.
 * The session is the project's {@link MqttConnection}, which connects in the background and reconnects; while it is
 * down a delivery throws and the outbox keeps the notification.
 */
final class MqttNotifier implements Notifier {

    private final MqttSettings settings;
    private final MqttConnection connection;

    MqttNotifier(MqttSettings settings, Codifier node) {
        MqttBroker broker = settings.broker(node);
        NetworkGuard.check(URI.create(broker.url()), settings.label());
        this.settings = settings;
        this.connection = new MqttConnection(node.value(), broker, null, List.of(), (topic, message) -> {
        });
        connection.start();
    }

    @Override
    public String name() {
        return "mqtt";
    }

    @Override
    public void deliver(Notification notification) throws MqttException {
        if (!connection.isConnected()) {
            throw new MqttException(MqttException.REASON_CODE_CLIENT_NOT_CONNECTED);
        }
        connection.publishAcknowledged(settings.topic() + "/" + notification.alert().value(),
                NotificationJson.bytes(notification), settings.retain(), settings.timeout());
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "MQTT " + connection.serverUri();
    }
}
