package org.jphmesh.bus.config;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** Reads config text from a file path ({@code ~} expanded) or an http(s) URL, as the legacy {@code -u} option did. */
public final class ConfigSource {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ConfigSource() {
    }

    public static String read(String location) {
        if (location == null || location.isBlank()) {
            throw new ConfigException("no config location given");
        }
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return fetch(location);
        }
        Path path = expandHome(location);
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + path + " does not exist (working directory "
                    + Path.of("").toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + path + ": " + e.getMessage(), e);
        }
    }

    /** {@code ~/x} as a path under the user's home, anything else as given. */
    public static Path expandHome(String location) {
        if (location.equals("~") || location.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + location.substring(1));
        }
        return Path.of(location);
    }

    private static String fetch(String url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new ConfigException("config URL " + url + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new ConfigException("cannot fetch config URL " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while fetching config URL " + url, e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("'" + url + "' is not a valid URL: " + e.getMessage(), e);
        }
    }
}
