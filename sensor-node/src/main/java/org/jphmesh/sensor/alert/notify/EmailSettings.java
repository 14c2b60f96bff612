package org.jphmesh.sensor.alert.notify;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jphmesh.app.mqtt.MqttTls;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigSource;
import org.jphmesh.bus.config.SecretFile;

/**
 * A {@code Notify.Email} block: {@code Host}, {@code Port} (587, or 465 with {@code tls}), {@code Security}
 * ({@code starttls}, {@code tls} or {@code none}), {@code Username} and {@code PasswordFile} (both or neither),
 * {@code CaFile} (a PEM CA the server's certificate must chain to, instead of the JVM's trust store), {@code From},
 * {@code To} (one address or a list) and {@code Timeout} (seconds, default 10).
 *
 * @param password {@code null} without {@code Username}
 * @param caFile   {@code null} for the JVM's trust store
 */
record EmailSettings(String label, String host, int port, Security security, String username, String password,
                     Path caFile, String from, List<String> to, Duration timeout) {

    static final Set<String> KEYS = Set.of("Host", "Port", "Security", "Username", "PasswordFile", "CaFile", "From", "To",
            "Timeout");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** How the connection to the mail server is protected. */
    enum Security {
        /** Port 587's way: plain connect, then STARTTLS, required (no password is ever sent in clear). */
        STARTTLS("starttls", 587),
        /** Port 465's way: TLS from the first byte. */
        TLS("tls", 465),
        /** A local relay that takes mail without TLS. */
        NONE("none", 587);

        private final String word;
        private final int defaultPort;

        Security(String word, int defaultPort) {
            this.word = word;
            this.defaultPort = defaultPort;
        }

        String word() {
            return word;
        }

        static Security of(String word, String key) {
            for (Security security : values()) {
                if (security.word.equalsIgnoreCase(word.strip())) {
                    return security;
                }
            }
            throw new ConfigException(key + " must be starttls, tls or none, not '" + word + "'");
        }
    }

    EmailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(timeout, "timeout");
        to = List.copyOf(to);
    }

    static EmailSettings read(ConfigBlock block) {
        KnownKeys.check(block, KEYS);
        String label = block.label();
        String host = block.text("Host").strip();
        Security security = Security.of(block.text("Security", Security.STARTTLS.word()), label + ".Security");
        int port = block.port("Port", security.defaultPort);
        Optional<String> username = block.optionalText("Username");
        Optional<String> passwordFile = block.optionalText("PasswordFile");
        if (username.isPresent() != passwordFile.isPresent()) {
            throw new ConfigException(label + ": Username and PasswordFile go together; give both or neither");
        }
        String password = passwordFile.map(file -> SecretFile.firstLine(file, label + ".PasswordFile")).orElse(null);
        Path caFile = null;
        Optional<String> caText = block.optionalText("CaFile");
        if (caText.isPresent()) {
            if (security == Security.NONE) {
                throw new ConfigException(label + ".CaFile is only used with Security starttls or tls, not none");
            }
            caFile = ConfigSource.expandHome(caText.get().strip());
            MqttTls.trusting(caFile, label + ".CaFile");
        }
        String from = address(block.text("From"), label + ".From");
        return new EmailSettings(label, host, port, security, username.orElse(null), password, caFile, from,
                recipients(block, label + ".To"), block.seconds("Timeout", DEFAULT_TIMEOUT));
    }

    private static List<String> recipients(ConfigBlock block, String key) {
        JsonNode to = block.json().get("To");
        List<String> addresses = new ArrayList<>();
        if (to != null && to.isTextual()) {
            addresses.add(address(to.asText(), key));
        } else if (to != null && to.isArray()) {
            for (int i = 0; i < to.size(); i++) {
                if (!to.get(i).isTextual()) {
                    throw new ConfigException(key + "[" + i + "] must be an e-mail address");
                }
                addresses.add(address(to.get(i).asText(), key + "[" + i + "]"));
            }
        }
        if (addresses.isEmpty()) {
            throw new ConfigException(key + " is missing: one address or a list of them");
        }
        return addresses;
    }

    private static String address(String text, String key) {
        try {
            new InternetAddress(text.strip(), true).validate();
            return text.strip();
        } catch (AddressException e) {
            throw new ConfigException(key + " is not an e-mail address: '" + text + "' (" + e.getMessage() + ")");
        }
    }

    @Override
    public String toString() {
        return "EmailSettings[" + host + ":" + port + " " + security.word() + ", user "
                + (username == null ? "none" : username) + ", password " + (password == null ? "none" : "****")
                + ", from " + from + ", to " + to + "]";
    }
}
