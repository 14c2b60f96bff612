package org.jphmesh.sensor.alert.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigSource;

/**
 * A {@code Notify.Webhook} block: {@code Url} (http or https), {@code Headers} (name to value), {@code HeadersFile}
 * ({@code Name: value} lines, for tokens kept out of config.json) and {@code Timeout} (seconds, default 5).
 *
 * @param label   the block's place in config.json, for messages
 * @param headers every header to send, from {@code Headers} and {@code HeadersFile}
 */
record WebhookSettings(String label, URI url, Map<String, String> headers, Duration timeout) {

    static final Set<String> KEYS = Set.of("Url", "Headers", "HeadersFile", "Timeout");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    WebhookSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    static WebhookSettings read(ConfigBlock block) {
        KnownKeys.check(block, KEYS);
        String label = block.label();
        URI url = url(block.text("Url"), label + ".Url");
        Map<String, String> headers = new LinkedHashMap<>();
        if (block.has("Headers")) {
            ConfigBlock given = block.child("Headers");
            for (Map.Entry<String, JsonNode> header : given.json().properties()) {
                String where = given.label() + "." + header.getKey();
                if (!header.getValue().isTextual()) {
                    throw new ConfigException(where + " must be text");
                }
                add(headers, header.getKey(), header.getValue().asText(), where);
            }
        }
        block.optionalText("HeadersFile").ifPresent(file -> readHeadersFile(ConfigSource.expandHome(file.strip()),
                label + ".HeadersFile", headers));
        return new WebhookSettings(label, url, headers, block.seconds("Timeout", DEFAULT_TIMEOUT));
    }

    private static URI url(String text, String key) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigException(key + " is not a URL: " + e.getMessage());
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new ConfigException(key + " must be an http:// or https:// URL with a host, not '" + text + "'");
        }
        return url;
    }

    private static void readHeadersFile(Path file, String key, Map<String, String> headers) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(key + " names " + file + ", which cannot be read: " + e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            // The line is not shown: it may hold the token.
            if (colon <= 0) {
                throw new ConfigException(key + ": " + file + " line " + (i + 1) + " is not 'Name: value'");
            }
            add(headers, line.substring(0, colon).strip(), line.substring(colon + 1).strip(),
                    key + " (" + file + " line " + (i + 1) + ")");
        }
    }

    private static void add(Map<String, String> headers, String name, String value, String where) {
        for (String known : headers.keySet()) {
            if (known.equalsIgnoreCase(name)) {
                throw new ConfigException(where + ": the header " + name + " is given twice");
            }
        }
        try {
            // The HTTP client's own check, at load rather than at the first alert.
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header(name, value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": the HTTP client refuses the header " + name
                    + " (a restricted name such as Host, a name that is not a token, or a control character in its value)");
        }
        headers.put(name, value);
    }

    boolean hasHeader(String name) {
        return headers.keySet().stream().anyMatch(known -> known.equalsIgnoreCase(name));
    }

    /** The endpoint without its path, for logs: a webhook's path is often its secret (ntfy topics, Slack hooks). */
    String endpoint() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    /** Header values and the URL's path are left out: they are often tokens. */
    @Override
    public String toString() {
        return "WebhookSettings[" + endpoint() + ", headers " + headers.keySet() + ", timeout " + timeout + "]";
    }
}
