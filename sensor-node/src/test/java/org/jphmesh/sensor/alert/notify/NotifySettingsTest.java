package org.jphmesh.sensor.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.sensor.driver.DriverUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifySettingsTest {

    private static final String LABEL = "Sensors (AL).Sensor.Notify";

    @TempDir
    Path folder;

    private static ConfigBlock block(String json) {
        try {
            return ConfigBlock.of(new ObjectMapper().readTree(json), LABEL);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static NotifySettings read(String json) {
        return NotifySettings.read(block(json));
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }

    @Test
    void an_empty_block_sends_nothing_and_never_repeats() {
        NotifySettings settings = read("{}");

        assertThat(settings.isEmpty()).isTrue();
        assertThat(settings.repeat()).isNull();
        assertThat(settings.notifiers(Codifier.of("AL"))).isEmpty();
    }

    @Test
    void repeat_is_read_in_seconds() {
        assertThat(read("{\"Repeat\": 3600}").repeat()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void an_unknown_key_is_refused_naming_it() {
        assertThatThrownBy(() -> read("{\"Webhok\": {\"Url\": \"http://127.0.0.1/x\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(LABEL + ".Webhok");
        assertThatThrownBy(() -> read("{\"Webhook\": {\"Url\": \"http://127.0.0.1/x\", \"Header\": {}}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(LABEL + ".Webhook.Header");
        assertThatThrownBy(() -> read("{\"Mqtt\": {\"Topik\": \"a\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(LABEL + ".Mqtt.Topik");
    }

    @Test
    void a_webhook_without_url_is_refused() {
        assertThatThrownBy(() -> read("{\"Webhook\": {\"Timeout\": 3}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(LABEL + ".Webhook.Url is missing");
        assertThatThrownBy(() -> read("{\"Webhook\": {\"Url\": \"ftp://127.0.0.1/x\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http:// or https://");
    }

    @Test
    void headers_come_from_the_block_and_from_the_headers_file_without_blank_lines_and_comments() throws IOException {
        Path headers = file("ntfy.headers", "# ntfy\n\nAuthorization: Bearer tk_secret\n  Priority :  high \n");

        WebhookSettings webhook = WebhookSettings.read(block("{\"Url\": \"https://127.0.0.1/alerts\", \"Headers\": "
                + "{\"Title\": \"Greenhouse\"}, \"HeadersFile\": \"" + headers + "\"}"));

        assertThat(webhook.headers()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Title", "Greenhouse", "Authorization", "Bearer tk_secret", "Priority", "high"));
        assertThat(webhook.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(webhook.toString()).doesNotContain("tk_secret");
    }

    @Test
    void a_bad_headers_file_line_is_refused_naming_the_file_and_line_but_not_its_text() throws IOException {
        Path headers = file("ntfy.headers", "Title: ok\nBearer tk_secret\n");

        assertThatThrownBy(() -> read("{\"Webhook\": {\"Url\": \"https://127.0.0.1/a\", \"HeadersFile\": \"" + headers + "\"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(LABEL + ".Webhook.HeadersFile").hasMessageContaining(headers + " line 2")
                .message().doesNotContain("tk_secret");
    }

    @Test
    void a_header_the_http_client_refuses_is_refused_at_load() {
        assertThatThrownBy(() -> read("{\"Webhook\": {\"Url\": \"https://127.0.0.1/a\", \"Headers\": {\"Host\": \"x\"}}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(LABEL + ".Webhook.Headers.Host");
    }

    @Test
    void email_to_is_one_address_or_a_list() throws IOException {
        String password = file("smtp.password", "s3cret\nignored\n").toString();
        String common = "\"Host\": \"smtp.example.org\", \"From\": \"Alerts <alerts@example.org>\", \"Username\": \"alerts\","
                + " \"PasswordFile\": \"" + password + "\", ";

        EmailSettings one = EmailSettings.read(block("{" + common + "\"To\": \"me@example.org\"}"));
        EmailSettings list = EmailSettings.read(block("{" + common + "\"To\": [\"me@example.org\", \"you@example.org\"]}"));

        assertThat(one.to()).containsExactly("me@example.org");
        assertThat(list.to()).containsExactly("me@example.org", "you@example.org");
        assertThat(one.password()).isEqualTo("s3cret");
        assertThat(one.port()).isEqualTo(587);
        assertThat(one.security()).isEqualTo(EmailSettings.Security.STARTTLS);
        assertThat(one.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(one.toString()).doesNotContain("s3cret");
    }

    @Test
    void email_without_to_or_with_a_bad_address_is_refused() {
        assertThatThrownBy(() -> read("{\"Email\": {\"Host\": \"smtp.example.org\", \"From\": \"a@example.org\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(LABEL + ".Email.To is missing");
        assertThatThrownBy(() -> read("{\"Email\": {\"Host\": \"smtp.example.org\", \"From\": \"a@example.org\","
                + " \"To\": [\"b@example.org\", \"not an address\"]}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(LABEL + ".Email.To[1]");
    }

    @Test
    void tls_defaults_to_port_465() {
        EmailSettings tls = EmailSettings.read(block("{\"Host\": \"smtp.example.org\", \"Security\": \"tls\","
                + " \"From\": \"a@example.org\", \"To\": \"b@example.org\"}"));

        assertThat(tls.port()).isEqualTo(465);
    }

    @Test
    void a_security_word_other_than_starttls_tls_or_none_is_refused() {
        assertThatThrownBy(() -> read("{\"Email\": {\"Host\": \"smtp.example.org\", \"Security\": \"ssl\","
                + " \"From\": \"a@example.org\", \"To\": \"b@example.org\"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(LABEL + ".Email.Security must be starttls, tls or none, not 'ssl'");
    }

    @Test
    void a_username_without_a_password_file_is_refused() {
        assertThatThrownBy(() -> read("{\"Email\": {\"Host\": \"smtp.example.org\", \"Username\": \"alerts\","
                + " \"From\": \"a@example.org\", \"To\": \"b@example.org\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Username and PasswordFile go together");
    }

    @Test
    void mqtt_defaults_to_the_jph_alerts_topic_without_retain() {
        MqttSettings mqtt = MqttSettings.read(block("{\"Url\": \"tcp://127.0.0.1:1883\"}"));

        assertThat(mqtt.topic()).isEqualTo("jph/alerts");
        assertThat(mqtt.retain()).isFalse();
        assertThat(mqtt.broker(Codifier.of("AL")).clientId()).startsWith("jph-AL-notify-");
        assertThatThrownBy(() -> read("{\"Mqtt\": {\"Topic\": \"jph/#\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(LABEL + ".Mqtt.Topic");
    }

    @Test
    void a_host_outside_the_allow_list_is_refused_when_the_channels_are_built() {
        NotifySettings settings = read("{\"Webhook\": {\"Url\": \"https://ntfy.example.org/greenhouse\"}}");

        assertThatThrownBy(() -> settings.notifiers(Codifier.of("AL")))
                .isInstanceOf(DriverUnavailableException.class)
                .hasMessageContaining(LABEL + ".Webhook").hasMessageContaining("host ntfy.example.org refused");
    }
}
