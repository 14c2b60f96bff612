package org.jphmesh.sensor.http;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.DataPayload;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.json.LenientNumber;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.NetworkGuard;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;

/**
 * {@code "Type":"failsafeReader"}: HTTP GET of a JSON document at {@code URL}; {@code Field} goes to the
 * entry's codifier and each {@code Proxy[].Field} to its proxy. Tolerates what the legacy Arduino
 * firmware sends: trailing commas and bare {@code inf}/{@code nan}. A field that is missing makes the
 * read "with errors"; the others are still sent.
 */
public final class FailsafeReaderDriver implements Driver {

    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();
    private static final Pattern BARE_INF = Pattern.compile("(?<=[:\\[,]\\s{0,8})([-+]?)(?i:inf(inity)?)(?=\\s*[,}\\]])");
    private static final Pattern BARE_NAN = Pattern.compile("(?<=[:\\[,]\\s{0,8})(?i:nan)(?=\\s*[,}\\]])");

    private final URI url;
    private final Map<Codifier, String> fields = new LinkedHashMap<>();
    private final HttpClient client;
    private final Duration timeout;

    public FailsafeReaderDriver(SensorConfig entry, MeshConfig config) {
        ConfigBlock settings = ConfigBlock.of(entry);
        try {
            this.url = URI.create(settings.text("URL"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(settings.label() + ".URL is not a valid URL: " + e.getMessage());
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new ConfigException(settings.label() + ".URL must be http or https, not " + url);
        }
        NetworkGuard.check(url, "failsafeReader (" + entry.codifier() + ")");
        fields.put(entry.code(), settings.text("Field"));
        for (ConfigBlock.Proxy proxy : settings.proxies()) {
            fields.put(proxy.codifier(), proxy.settings().text("Field"));
        }
        this.timeout = settings.seconds("Timeout", Duration.ofSeconds(5));
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public ReadResult read() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return ReadResult.failed(url + " answered HTTP " + response.statusCode());
        }
        JsonNode document = LENIENT.readTree(normalize(response.body()));
        List<Reading> readings = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        fields.forEach((codifier, field) -> {
            JsonNode value = document.path(field);
            DataPayload payload = payload(value);
            if (payload == null) {
                missing.add(field);
            } else {
                readings.add(new Reading(codifier, payload));
            }
        });
        return missing.isEmpty() ? ReadResult.good(readings)
                : ReadResult.withErrors(readings, "no usable value for " + String.join(", ", missing) + " at " + url);
    }

    /** The legacy firmware prints C's {@code inf} and {@code nan}; Jackson reads {@code Infinity} and {@code NaN}. */
    static String normalize(String body) {
        String infinities = BARE_INF.matcher(body).replaceAll(m -> (m.group(1).equals("-") ? "-" : "") + "Infinity");
        return BARE_NAN.matcher(infinities).replaceAll("NaN");
    }

    private static DataPayload payload(JsonNode value) {
        if (value.isBoolean()) {
            return Readings.of(value.asBoolean());
        }
        OptionalDouble number = LenientNumber.of(value);
        if (number.isPresent()) {
            return Readings.of(number.getAsDouble());
        }
        return value.isTextual() ? Readings.text(value.asText()) : null;
    }
}
