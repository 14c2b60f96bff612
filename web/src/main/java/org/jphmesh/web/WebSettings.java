package org.jphmesh.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigSource;
import org.jphmesh.bus.config.SensorConfig;

/**
 * The dashboard's HTTP settings, from its entry's {@code Sensor.Web} block, validated at load. The defaults
 * are the safe ones: loopback only, sign-in required, cookies Secure whenever the request came over TLS.
 *
 * @param staticDir serve the dashboard assets from this folder instead of the jar (for editing them); null = the jar
 */
public record WebSettings(String bind, int port, boolean anonymousRead, boolean secureCookies, boolean trustProxy,
                          Path staticDir, int sessionIdleMinutes) {

    public static final int DEFAULT_PORT = 7070;

    public WebSettings {
        if (bind == null || !bind.matches("[A-Za-z0-9.\\-:\\[\\]]+")) {
            throw new ConfigException("Sensor.Web.Bind must be an address or host name, not '" + bind + "'");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("Sensor.Web.Port must be 0..65535 (0 picks a free port), not " + port);
        }
        if (staticDir != null && !Files.isRegularFile(staticDir.resolve("index.html"))) {
            throw new ConfigException("Sensor.Web.StaticDir " + staticDir + " has no index.html");
        }
        if (sessionIdleMinutes < 1) {
            throw new ConfigException("Sensor.Web.SessionIdleMinutes must be >= 1, not " + sessionIdleMinutes);
        }
    }

    public static WebSettings defaults() {
        return new WebSettings("127.0.0.1", DEFAULT_PORT, false, false, false, null, 480);
    }

    public static WebSettings fromEntry(SensorConfig entry) {
        JsonNode web = entry.sensor().path("Web");
        String label = "Sensors (" + entry.codifier() + ").Sensor.Web";
        try {
            JsonNode port = web.path("Port");
            if (!port.isMissingNode() && !port.canConvertToInt()) {
                throw new ConfigException("Sensor.Web.Port must be a number, not " + port);
            }
            return new WebSettings(web.path("Bind").asText("127.0.0.1"), port.asInt(DEFAULT_PORT),
                    bool(web, "AnonymousRead"), bool(web, "SecureCookies"), bool(web, "TrustProxy"),
                    web.hasNonNull("StaticDir") ? ConfigSource.expandHome(web.get("StaticDir").asText()) : null,
                    web.path("SessionIdleMinutes").asInt(480));
        } catch (ConfigException e) {
            throw new ConfigException(label + ": " + e.getMessage());
        }
    }

    private static boolean bool(JsonNode web, String key) {
        JsonNode value = web.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new ConfigException("Sensor.Web." + key + " must be true or false, not " + value);
        }
        return value.asBoolean();
    }

    public WebSettings withPort(int other) {
        return new WebSettings(bind, other, anonymousRead, secureCookies, trustProxy, staticDir, sessionIdleMinutes);
    }

    public WebSettings withBind(String other) {
        return new WebSettings(other, port, anonymousRead, secureCookies, trustProxy, staticDir, sessionIdleMinutes);
    }

    public WebSettings withAnonymousRead(boolean allowed) {
        return new WebSettings(bind, port, allowed, secureCookies, trustProxy, staticDir, sessionIdleMinutes);
    }

    public WebSettings withStaticDir(Path dir) {
        return new WebSettings(bind, port, anonymousRead, secureCookies, trustProxy, dir, sessionIdleMinutes);
    }
}
