package org.jphmesh.bus.config;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jphmesh.bus.auth.AuthMode;
import org.jphmesh.bus.auth.FrameAuthenticator;
import org.jphmesh.bus.auth.KeyRing;

/**
 * {@code Multicast.Auth}: signed frames (docs/security.md). Keys are never in config.json: each entry of
 * {@code Keys} names a file or an environment variable holding the key in base64.
 *
 * <pre>
 * "Auth": {"Mode": "require", "SigningKey": 2,
 *          "Keys": [{"Id": 1, "File": "/etc/jph/keys/1.key"}, {"Id": 2, "Env": "JPH_MESH_KEY_2"}],
 *          "ReplayWindowSeconds": 30}
 * </pre>
 */
public record AuthConfig(AuthMode mode,
                         List<KeySource> keys,
                         Integer signingKey,
                         Double replayWindowSeconds) {

    public static final AuthConfig OFF = new AuthConfig(null, null, null, null);

    public AuthConfig {
        mode = mode == null ? AuthMode.off : mode;
        keys = keys == null ? List.of() : List.copyOf(keys);
        replayWindowSeconds = replayWindowSeconds == null ? 30.0 : replayWindowSeconds;
    }

    /** One key: its id and where its base64 text is, a file or an environment variable. */
    public record KeySource(Integer id, String file, String env) {
    }

    /** The authenticator these settings describe, keys read now; null when {@code Mode} is off. */
    FrameAuthenticator authenticator(Clock clock) {
        if (mode == AuthMode.off) {
            return null;
        }
        String label = "Multicast.Auth";
        if (keys.isEmpty()) {
            throw new ConfigException(label + ".Keys is empty: Mode " + mode + " needs at least one key");
        }
        if (!(replayWindowSeconds > 0 && replayWindowSeconds <= 3600)) {
            throw new ConfigException(label + ".ReplayWindowSeconds must be > 0 and <= 3600, not " + replayWindowSeconds);
        }
        Map<Integer, byte[]> secrets = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            KeySource key = keys.get(i);
            String at = label + ".Keys[" + i + "]";
            if (key.id() == null || key.id() < 1 || key.id() > 255) {
                throw new ConfigException(at + ".Id must be 1..255, not " + key.id());
            }
            if ((key.file() == null) == (key.env() == null)) {
                throw new ConfigException(at + " needs exactly one of File and Env");
            }
            secrets.put(key.id(), secret(key, at));
        }
        int signing = signingKey != null ? signingKey : secrets.keySet().stream().max(Integer::compare).orElseThrow();
        try {
            KeyRing ring = KeyRing.of(secrets, signing);
            return new FrameAuthenticator(mode, ring, Duration.ofMillis(Math.round(replayWindowSeconds * 1000)), clock);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(label + ": " + e.getMessage());
        }
    }

    private static byte[] secret(KeySource key, String at) {
        String text;
        if (key.file() != null) {
            text = SecretFile.whole(key.file(), at + ".File");
        } else {
            text = System.getenv(key.env());
            if (text == null || text.isBlank()) {
                throw new ConfigException(at + ".Env names " + key.env() + ", which is not set");
            }
            text = text.strip();
        }
        try {
            byte[] secret = Base64.getDecoder().decode(text);
            if (secret.length < KeyRing.MIN_KEY_BYTES) {
                throw new ConfigException(at + " holds " + secret.length + " bytes; a key needs at least "
                        + KeyRing.MIN_KEY_BYTES + " (make one with: head -c 32 /dev/urandom | base64)");
            }
            return secret;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at + " is not base64 (make a key with: head -c 32 /dev/urandom | base64)");
        }
    }
}
