package org.jphmesh.sensor.alert.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import org.jphmesh.app.mqtt.MqttTls;
import org.jphmesh.sensor.driver.NetworkGuard;

/**
 * Sends each notification as one plain-text mail through an SMTP server (Jakarta Mail, Angus): subject
 * {@code [firing] Greenhouse too hot (W1)}, a body for people, and the notification's JSON as its last line. The
 * server's name is checked against its certificate; with {@code starttls} the upgrade is required, so a server that
 * does not offer it never sees the password.
 */
final class EmailNotifier implements Notifier {

    private final EmailSettings settings;
    private final Session session;
    private final InternetAddress from;
    private final InternetAddress[] to;

    EmailNotifier(EmailSettings settings) {
        NetworkGuard.check(URI.create("smtp://" + settings.host() + ":" + settings.port()), settings.label());
        this.settings = settings;
        this.session = Session.getInstance(properties(settings));
        try {
            this.from = new InternetAddress(settings.from(), true);
            this.to = InternetAddress.parse(String.join(",", settings.to()), true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("addresses were checked when read: " + e.getMessage(), e);
        }
    }

    private static Properties properties(EmailSettings settings) {
        Properties properties = new Properties();
        String timeout = String.valueOf(settings.timeout().toMillis());
        properties.put("mail.smtp.host", settings.host());
        properties.put("mail.smtp.port", String.valueOf(settings.port()));
        properties.put("mail.smtp.connectiontimeout", timeout);
        properties.put("mail.smtp.timeout", timeout);
        properties.put("mail.smtp.auth", String.valueOf(settings.username() != null));
        switch (settings.security()) {
            case TLS -> properties.put("mail.smtp.ssl.enable", "true");
            case STARTTLS -> {
                properties.put("mail.smtp.starttls.enable", "true");
                properties.put("mail.smtp.starttls.required", "true");
            }
            case NONE -> {
            }
        }
        if (settings.security() != EmailSettings.Security.NONE) {
            properties.put("mail.smtp.ssl.checkserveridentity", "true");
            // Angus's default would retry a refused handshake with the JVM's trust store, around CaFile.
            properties.put("mail.smtp.socketFactory.fallback", "false");
            if (settings.caFile() != null) {
                properties.put("mail.smtp.ssl.socketFactory", MqttTls.trusting(settings.caFile(), settings.label() + ".CaFile"));
            }
        }
        return properties;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public void deliver(Notification notification) throws MessagingException {
        MimeMessage message = new IdentifiedMessage(session, notification.id());
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject(notification), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.setText(body(notification), StandardCharsets.UTF_8.name());
        if (settings.username() == null) {
            Transport.send(message);
        } else {
            Transport.send(message, settings.username(), settings.password());
        }
    }

    static String subject(Notification n) {
        return "[" + n.state().word() + "] " + n.name() + " (" + n.alert().value() + ")";
    }

    static String body(Notification n) {
        return n.message() + "\n\n"
                + "value: " + (Double.isFinite(n.value()) ? String.valueOf(n.value()) : "none") + "\n"
                + "since: " + Instant.ofEpochMilli(n.since()) + "\n"
                + "severity: " + n.severity() + "\n"
                + "node: " + n.node().value() + "\n\n"
                + NotificationJson.text(n) + "\n";
    }

    @Override
    public String toString() {
        return "e-mail via " + settings.host() + ":" + settings.port();
    }

    /** Its Message-ID comes from the notification's id, so a mail sent twice (at least once) is one for mail clients. */
    private static final class IdentifiedMessage extends MimeMessage {

        private final String id;

        IdentifiedMessage(Session session, String id) {
            super(session);
            this.id = id.replaceAll("[^A-Za-z0-9._-]", "-");
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + id + "@jph-alerts>");
        }
    }
}
