package org.jphmesh.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigSource;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.web.http.auth.AccessPolicy;

/**
 * The dashboard's HTTP settings, from its entry's {@code Sensor.Web} block, validated at load. The defaults
 * are the safe ones: loopback only, sign-in required, cookies Secure whenever the request came over TLS.
 *
 * @param staticDir serve the dashboard assets from this folder instead of the jar (for editing them); null = the jar
 * @param diagrams  the folder of plant diagrams (an image and a JSON beside it, docs/web.md); null = no diagrams
 */
public record WebSettings(String bind, int port, boolean anonymousRead, boolean secureCookies, boolean trustProxy,
                          Path staticDir, int sessionIdleMinutes, Path diagrams) {

    public static final int DEFAULT_PORT = 7070;
    public static final int DEFAULT_SESSION_IDLE_MINUTES = 480;

    public WebSettings {
        if (bind == null || !bind.matches("[A-Za-z0-9.\\-:\\[\\]]+")) {
            throw new ConfigException("Bind must be an address or host name, not '" + bind + "'");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("Port must be 0..65535 (0 picks a free port), not " + port);
        }
        if (staticDir != null && !Files.isRegularFile(staticDir.resolve("index.html"))) {
            throw new ConfigException("StaticDir " + staticDir + " has no index.html");
        }
        if (sessionIdleMinutes < 1) {
            throw new ConfigException("SessionIdleMinutes must be >= 1, not " + sessionIdleMinutes);
        }
        if (diagrams != null && !Files.isDirectory(diagrams)) {
            throw new ConfigException("Diagrams " + diagrams.toAbsolutePath() + " is not a folder");
        }
    }

    /** What the access guard needs of these settings. */
    public AccessPolicy accessPolicy() {
        return new AccessPolicy(bind, anonymousRead, secureCookies, trustProxy);
    }

    public static WebSettings defaults() {
        return new WebSettings("127.0.0.1", DEFAULT_PORT, false, false, false, null, DEFAULT_SESSION_IDLE_MINUTES, null);
    }

    /**
     * The entry's {@code Sensor.Web} block through the strict reader: numbers may be written as text
     * ({@code "Port": "7070"}), as elsewhere in config.json, but a value that is not one ({@code "abc"}) is
     * refused with the key named, never replaced by the default.
     */
    public static WebSettings fromEntry(SensorConfig entry) {
        String label = "Sensors (" + entry.codifier() + ").Sensor.Web";
        JsonNode node = entry.sensor().get("Web");
        if (node == null || node.isNull()) {
            return defaults();
        }
        ConfigBlock web = ConfigBlock.of(node, label);
        String bind = web.text("Bind", "127.0.0.1");
        int port = web.integer("Port", DEFAULT_PORT);
        boolean anonymousRead = web.bool("AnonymousRead", false);
        boolean secureCookies = web.bool("SecureCookies", false);
        boolean trustProxy = web.bool("TrustProxy", false);
        Path staticDir = web.optionalText("StaticDir").map(ConfigSource::expandHome).orElse(null);
        int sessionIdleMinutes = web.integer("SessionIdleMinutes", DEFAULT_SESSION_IDLE_MINUTES);
        Path diagrams = web.optionalText("Diagrams").map(ConfigSource::expandHome).orElse(null);
        try {
            return new WebSettings(bind, port, anonymousRead, secureCookies, trustProxy, staticDir, sessionIdleMinutes,
                    diagrams);
        } catch (ConfigException e) {
            // The record's own checks name the key alone; here it gets the entry's path in front.
            throw new ConfigException(label + "." + e.getMessage());
        }
    }

    public WebSettings withPort(int other) {
        return new WebSettings(bind, other, anonymousRead, secureCookies, trustProxy, staticDir, sessionIdleMinutes, diagrams);
    }

    public WebSettings withBind(String other) {
        return new WebSettings(other, port, anonymousRead, secureCookies, trustProxy, staticDir, sessionIdleMinutes, diagrams);
    }

    public WebSettings withAnonymousRead(boolean allowed) {
        return new WebSettings(bind, port, allowed, secureCookies, trustProxy, staticDir, sessionIdleMinutes, diagrams);
    }

    public WebSettings withStaticDir(Path dir) {
        return new WebSettings(bind, port, anonymousRead, secureCookies, trustProxy, dir, sessionIdleMinutes, diagrams);
    }
}
