package org.jphmesh.sensor.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.jphmesh.sensor.alert.notify.Notifications.firing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.frame.Codifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The e-mail channel against GreenMail's real SMTP server on 127.0.0.1. GreenMail speaks plain SMTP and SMTPS but does
 * not offer STARTTLS, so STARTTLS itself is not tested here; what is tested is that {@code starttls} refuses a server
 * that does not offer it rather than sending the password in clear.
 */
class EmailNotifierIT {

    private static final String LABEL = "Sensors (AL).Sensor.Notify";
    private static final String PASSWORD = "s3cret-for-mail";

    @RegisterExtension
    final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)
            .dynamicPort()).withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.org", "alerts", PASSWORD));

    @TempDir
    static Path certificates;
    private static Path caFile;

    @TempDir
    Path folder;

    private String passwordFile(String password) throws IOException {
        Path file = folder.resolve("smtp.password");
        Files.writeString(file, password + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file.toString();
    }

    private Notifier email(int port, String extra) throws IOException {
        return email("127.0.0.1", port, extra);
    }

    private Notifier email(String host, int port, String extra) throws IOException {
        String block = "{\"Email\": {\"Host\": \"" + host + "\", \"Port\": " + port + ", \"Username\": \"alerts\","
                + " \"From\": \"JPH alerts <alerts@example.org>\", \"To\": [\"ops@example.org\", \"oncall@example.org\"]"
                + extra + "}}";
        List<Notifier> channels = NotifySettings.read(ConfigBlock.of(new ObjectMapper().readTree(block), LABEL))
                .notifiers(Codifier.of("AL"));
        assertThat(channels).hasSize(1);
        return channels.get(0);
    }

    @Test
    void one_notification_is_one_mail_with_subject_and_body_sent_with_the_password_from_its_file() throws Exception {
        Notifier email = email(smtp.getSmtp().getPort(), ", \"Security\": \"none\", \"PasswordFile\": \""
                + passwordFile(PASSWORD) + "\"");

        email.deliver(firing(1));

        MimeMessage[] mails = smtp.getReceivedMessages();
        // One mail, one copy per recipient in GreenMail's boxes.
        assertThat(mails).hasSize(2);
        MimeMessage mail = mails[0];
        assertThat(mail.getSubject()).isEqualTo("[firing] Greenhouse too hot (W1)");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("JPH alerts <alerts@example.org>");
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("ops@example.org", "oncall@example.org");
        assertThat(mail.getMessageID()).isEqualTo("<W1-1@jph-alerts>");
        String body = ((String) mail.getContent()).replace("\r\n", "\n").strip();
        assertThat(body.split("\n")).containsExactly("{{G1}} > 30: G1 = 31.2", "", "value: 31.2",
                "since: " + Instant.ofEpochMilli(firing(1).since()), "severity: warning", "node: AL", "",
                NotificationJson.text(firing(1)));
    }

    @Test
    void a_wrong_password_is_a_failed_delivery_that_the_outbox_keeps() throws Exception {
        Notifier email = email(smtp.getSmtp().getPort(), ", \"Security\": \"none\", \"PasswordFile\": \""
                + passwordFile("not-the-password") + "\"");

        assertThatThrownBy(() -> email.deliver(firing(1))).isInstanceOf(AuthenticationFailedException.class);

        try (NotificationOutbox outbox = NotificationOutbox.open(LABEL, folder.resolve("outbox"), List.of(email),
                Clock.systemUTC())) {
            outbox.submit(firing(2));
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.counters().channel("email").failedAttempts() >= 1);
            assertThat(outbox.counters().channel("email").queued()).isEqualTo(1);
        }
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void starttls_is_required_so_a_server_that_does_not_offer_it_never_gets_the_password() throws Exception {
        Notifier email = email(smtp.getSmtp().getPort(), ", \"PasswordFile\": \"" + passwordFile(PASSWORD) + "\"");

        assertThatThrownBy(() -> email.deliver(firing(1))).isInstanceOf(MessagingException.class)
                .hasMessageContaining("STARTTLS");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    /**
     * A certificate for 127.0.0.1 only, made once: GreenMail builds its SMTPS socket factory once per JVM, from the
     * key store the property names at that moment.
     */
    @BeforeAll
    static void certificate() throws Exception {
        Path keyStore = certificates.resolve("smtps.p12");
        caFile = certificates.resolve("smtps-ca.pem");
        keytool("-genkeypair", "-alias", "smtps", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=jph-test",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "smtps", "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-file", caFile.toString());
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, keyStore.toString());
    }

    @AfterAll
    static void forgetCertificate() {
        System.clearProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY);
    }

    private static GreenMail smtps() {
        GreenMail smtps = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort());
        smtps.setUser("alerts@example.org", "alerts", PASSWORD);
        smtps.start();
        return smtps;
    }

    @Test
    void over_tls_the_server_must_show_a_certificate_from_ca_file() throws Exception {
        GreenMail smtps = smtps();
        try {
            int port = smtps.getSmtps().getPort();
            String password = passwordFile(PASSWORD);

            email(port, ", \"Security\": \"tls\", \"PasswordFile\": \"" + password + "\", \"CaFile\": \"" + caFile + "\"")
                    .deliver(firing(1));
            assertThat(smtps.getReceivedMessages()).hasSize(2);

            // Without CaFile the JVM's trust store decides, and it does not know this certificate.
            Notifier untrusting = email(port, ", \"Security\": \"tls\", \"PasswordFile\": \"" + password + "\"");
            assertThatThrownBy(() -> untrusting.deliver(firing(2))).isInstanceOf(MessagingException.class)
                    .hasStackTraceContaining("PKIX path building failed");
            assertThat(smtps.getReceivedMessages()).hasSize(2);
        } finally {
            smtps.stop();
        }
    }

    @Test
    void over_tls_a_trusted_certificate_for_another_name_is_refused() throws Exception {
        GreenMail smtps = smtps();
        try {
            // localhost is 127.0.0.1, but the certificate names only the address.
            Notifier email = email("localhost", smtps.getSmtps().getPort(), ", \"Security\": \"tls\", \"PasswordFile\": \""
                    + passwordFile(PASSWORD) + "\", \"CaFile\": \"" + caFile + "\"");

            assertThatThrownBy(() -> email.deliver(firing(1))).isInstanceOf(MessagingException.class)
                    .hasStackTraceContaining("No name matching localhost found");
            assertThat(smtps.getReceivedMessages()).isEmpty();
        } finally {
            smtps.stop();
        }
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as("keytool: " + output).isZero();
    }
}
