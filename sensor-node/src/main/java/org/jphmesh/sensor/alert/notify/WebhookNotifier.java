package org.jphmesh.sensor.alert.notify;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jphmesh.sensor.driver.NetworkGuard;

/**
 * Posts the notification's JSON to {@code Url} with the configured headers; any answer but 2xx is a failure the
 * outbox retries. Redirects are not followed: they could lead outside the network allow-list. HTTP/1.1 only: a
 * cleartext HTTP/2 upgrade offer confuses some small servers, and an alert is one short request.
 */
final class WebhookNotifier implements Notifier {

    private static final int ERROR_BODY_CHARS = 200;
    /** A header value may carry the id only when it is plain visible ASCII. */
    private static final Pattern HEADER_SAFE = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private final WebhookSettings settings;
    private final HttpClient client;

    WebhookNotifier(WebhookSettings settings) {
        NetworkGuard.check(settings.url(), settings.label());
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void deliver(Notification notification) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(NotificationJson.bytes(notification)));
        if (!settings.hasHeader("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        // Delivery is at least once: a receiver that cares can drop a repeat by this key.
        if (HEADER_SAFE.matcher(notification.id()).matches() && !settings.hasHeader("Idempotency-Key")) {
            request.header("Idempotency-Key", notification.id());
        }
        settings.headers().forEach(request::header);
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status / 100 != 2) {
                String text = new String(body.readNBytes(ERROR_BODY_CHARS), StandardCharsets.UTF_8).strip();
                throw new IOException(settings.endpoint() + " answered HTTP " + status + (text.isEmpty() ? "" : ": " + text));
            }
        }
    }

    @Override
    public String toString() {
        return "webhook " + settings.endpoint();
    }
}
