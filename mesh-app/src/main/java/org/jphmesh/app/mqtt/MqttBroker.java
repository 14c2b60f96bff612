package org.jphmesh.app.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigSource;
import org.jphmesh.bus.config.SecretFile;
import org.jphmesh.bus.transport.NetworkGuard;

/**
 * Which MQTT broker to reach and as whom, read the same way wherever a config block names one (the dashboard's
 * bridge, the {@code MqttInput} driver): {@code Url} (the older {@code Broker} is read as the same key; default
 * {@value #DEFAULT_URL}), {@code Username}, {@code PasswordFile} (its first line, as for every password in
 * config.json), {@code CaFile} (a PEM CA for ssl:// and wss://) and {@code ClientId}.
 *
 * @param caFile PEM file of the CA that signed the broker's certificate, or {@code null} for the JVM's trust store
 */
public record MqttBroker(String url, String username, String password, Path caFile, String clientId) {

    public static final String DEFAULT_URL = "tcp://127.0.0.1:1883";
    /** The keys {@link #read} takes; a block that refuses unknown keys allows these. */
    public static final Set<String> KEYS = Set.of("Url", "Broker", "Username", "PasswordFile", "CaFile", "ClientId");
    private static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");
    /** MQTT-1.5.3: a UTF-8 string of the protocol, the client id included, is at most 65,535 bytes. */
    private static final int MAX_CLIENT_ID_BYTES = 65_535;

    public MqttBroker {
        checkUrl(url, "Url");
        checkClientId(clientId, "ClientId");
        if (caFile != null && !isTls(url)) {
            throw new ConfigException("CaFile is only used with an ssl:// or wss:// Url, not " + url);
        }
    }

    /** The broker {@code block} names; {@code defaultClientId} when it sets no {@code ClientId}. */
    public static MqttBroker read(ConfigBlock block, String defaultClientId) {
        String label = block.label();
        Optional<String> alias = block.optionalText("Broker");
        if (alias.isPresent() && block.has("Url")) {
            throw new ConfigException(label + ".Broker is the older name of Url: give one of them, not both");
        }
        String urlKey = alias.isPresent() ? "Broker" : "Url";
        String url = block.text(urlKey, DEFAULT_URL);
        checkUrl(url, label + "." + urlKey);
        String clientId = block.text("ClientId", defaultClientId);
        checkClientId(clientId, label + ".ClientId");
        String password = block.optionalText("PasswordFile")
                .map(file -> SecretFile.firstLine(file, label + ".PasswordFile")).orElse(null);
        Path caFile = null;
        Optional<String> caText = block.optionalText("CaFile");
        if (caText.isPresent()) {
            if (!isTls(url)) {
                throw new ConfigException(label + ".CaFile is only used with an ssl:// or wss:// " + urlKey + ", not " + url);
            }
            caFile = ConfigSource.expandHome(caText.get());
            MqttTls.trusting(caFile, label + ".CaFile");
        }
        return new MqttBroker(url, block.text("Username", null), password, caFile, clientId);
    }

    /**
     * Why the network allow-list refuses this broker's host, if it does; the caller says what that means for it (a
     * config error for the bridge, an unavailable driver for a sensor).
     */
    public Optional<String> refusal() {
        return NetworkGuard.refusal(URI.create(url));
    }

    private static boolean isTls(String url) {
        return url.startsWith("ssl://") || url.startsWith("wss://");
    }

    private static void checkUrl(String url, String key) {
        if (url == null) {
            throw new ConfigException(key + " is missing");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException(key + " is not a URL like " + DEFAULT_URL + ": " + e.getMessage());
        }
        if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme())) {
            throw new ConfigException(key + " must start with tcp://, ssl://, ws:// or wss://, not '" + url + "'");
        }
        // A WebSocket URL may carry the broker's path (ws://host:9001/mqtt); a TCP one is scheme://host[:port].
        boolean pathAllowed = uri.getScheme().startsWith("ws");
        if (uri.getHost() == null || !pathAllowed && uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null || uri.getUserInfo() != null) {
            throw new ConfigException(key + " must be scheme://host[:port] only (the user goes in Username), not '"
                    + url + "'");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new ConfigException(key + " has port " + uri.getPort() + "; a port is 1..65535");
        }
    }

    private static void checkClientId(String clientId, String key) {
        if (clientId == null || clientId.isBlank()) {
            throw new ConfigException(key + " must not be empty");
        }
        if (clientId.getBytes(StandardCharsets.UTF_8).length > MAX_CLIENT_ID_BYTES) {
            throw new ConfigException(key + " must be at most " + MAX_CLIENT_ID_BYTES + " bytes (UTF-8)");
        }
    }

    @Override
    public String toString() {
        return "MqttBroker[" + url + ", user " + (username == null ? "none" : username) + ", password "
                + (password == null ? "none" : "****") + ", client " + clientId + (caFile == null ? "" : ", CA " + caFile) + "]";
    }
}
