package org.jphmesh.web;

import org.jphmesh.app.store.RedisSettings;
import org.jphmesh.app.store.SqlSettings;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.web.http.WebSettings;
import org.jphmesh.web.mqtt.MqttSettings;

/**
 * Every block of a dashboard entry, read and checked at once before anything starts: a program that joined
 * the bus and then failed on its config would already have announced itself to the mesh, and a second
 * {@code web.jar -c CF} with a typo must leave the running one alone.
 *
 * @param sql   the {@code Sensor.SQL} block, or null: no history, no sign-in
 * @param redis the {@code Sensor.Redis} block, or null: tiles fill from the bus alone
 * @param mqtt  the {@code Sensor.Mqtt} block, or null: no bridge
 */
record DashboardEntry(WebSettings web, SqlSettings sql, RedisSettings redis, MqttSettings mqtt) {

    /** {@code webOverride}: settings the command line already made from the Web block (null: read it here). */
    static DashboardEntry read(SensorConfig entry, WebSettings webOverride) {
        WebSettings web = webOverride != null ? webOverride : WebSettings.fromEntry(entry);
        SqlSettings sql = entry.sensor().has("SQL") ? SqlSettings.fromEntry(entry) : null;
        RedisSettings redis = entry.sensor().has("Redis") ? RedisSettings.fromEntry(entry) : null;
        MqttSettings mqtt = MqttSettings.fromEntry(entry).orElse(null);
        return new DashboardEntry(web, sql, redis, mqtt);
    }
}
