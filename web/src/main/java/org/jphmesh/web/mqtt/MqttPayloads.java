package org.jphmesh.web.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.jphmesh.bus.config.DataType;
import org.jphmesh.bus.json.PlainNumber;
import org.jphmesh.web.state.SensorStatus;
import org.jphmesh.web.state.SensorView;

/** What the bridge writes on a sensor's topics: the state text, the attributes document, the availability word. */
final class MqttPayloads {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Home Assistant reads this state payload as "unknown" rather than as a value it cannot parse. */
    static final String NONE = "None";

    private MqttPayloads() {
    }

    /**
     * The state: the number as plain text ({@code 21.5}, {@code 22}), or the text of an {@code s}/{@code j}
     * reading; a numeric entry whose text reading stands for a number publishes the number, so a Home
     * Assistant sensor with a unit never receives text. Empty when the sensor has no reading yet.
     */
    static Optional<String> state(SensorView sensor, DataType dataType) {
        if (sensor.readingAt() == null) {
            return Optional.empty();
        }
        boolean numericEntry = dataType == DataType.FLOAT || dataType == DataType.INTEGER || dataType == DataType.BOOL;
        if (sensor.text() != null && !(numericEntry && sensor.value() != null)) {
            return Optional.of(sensor.text());
        }
        return Optional.of(sensor.value() == null ? NONE : number(sensor.value()));
    }

    static String number(double value) {
        return Double.isFinite(value) ? PlainNumber.of(value) : NONE;
    }

    /** The retained attributes document: what a Home Assistant entity shows beside its state. */
    static String attributes(SensorView sensor) {
        ObjectNode json = JSON.createObjectNode();
        json.put("unit", sensor.symbol());
        json.put("name", sensor.name());
        json.put("longName", sensor.longName());
        json.put("timestamp", sensor.readingAt());
        json.put("sequence", sensor.sequence());
        json.put("node", sensor.node());
        json.put("status", sensor.status().name());
        if (sensor.states() != null && sensor.value() != null) {
            json.put("label", sensor.states().get(number(sensor.value())));
        }
        return json.toString();
    }

    /** Online while the node is heard (OK, STALE); offline when it is down, halted or was never heard. */
    static String availability(SensorStatus status) {
        return status == SensorStatus.OK || status == SensorStatus.STALE ? MqttTopics.ONLINE : MqttTopics.OFFLINE;
    }

    static String active(boolean active) {
        return active ? "ON" : "OFF";
    }
}
