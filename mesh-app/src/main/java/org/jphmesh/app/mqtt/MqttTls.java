package org.jphmesh.app.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jphmesh.bus.config.ConfigException;

/**
 * TLS to the broker with a private CA: a socket factory that trusts exactly the certificates of one PEM
 * file, as Mosquitto's own {@code cafile} does. Without a CA file, ssl:// uses the JVM's default trust store.
 */
public final class MqttTls {

    private MqttTls() {
    }

    /** A factory trusting the certificates in {@code caFile}; {@code key} names the setting in errors. */
    public static SSLSocketFactory trusting(Path caFile, String key) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(caFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new ConfigException(key + " names " + caFile + ", which cannot be read: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new ConfigException(key + " names " + caFile + ", which is not a PEM certificate: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new ConfigException(key + " names " + caFile + ", which holds no certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException(key + ": cannot build a trust store from " + caFile + ": " + e.getMessage());
        }
    }
}
