package org.jphmesh.bus.auth;

import java.util.Map;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The mesh's HMAC keys by id (1..255): every key here is accepted, the signing key is the one new frames
 * carry. Two keys at once is how keys rotate: add the new key everywhere, switch signing, remove the old.
 */
public final class KeyRing {

    /** Shorter keys make HMAC-SHA-256 guessable; 32 random bytes is what {@code head -c 32 /dev/urandom} gives. */
    public static final int MIN_KEY_BYTES = 16;

    private final Map<Integer, SecretKey> keys;
    private final int signingId;

    private KeyRing(Map<Integer, SecretKey> keys, int signingId) {
        this.keys = Map.copyOf(keys);
        this.signingId = signingId;
    }

    /** {@code secrets}: key id to key bytes (copied); {@code signingId} must be one of them. */
    public static KeyRing of(Map<Integer, byte[]> secrets, int signingId) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a key ring needs at least one key");
        }
        Map<Integer, SecretKey> keys = new TreeMap<>();
        secrets.forEach((id, secret) -> {
            if (id < 1 || id > 255) {
                throw new IllegalArgumentException("key ids are 1..255, not " + id);
            }
            if (secret.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("key " + id + " has " + secret.length + " bytes; at least "
                        + MIN_KEY_BYTES + " are needed");
            }
            keys.put(id, new SecretKeySpec(secret.clone(), FrameAuthenticator.ALGORITHM));
        });
        if (!keys.containsKey(signingId)) {
            throw new IllegalArgumentException("the signing key " + signingId + " is not among the keys " + keys.keySet());
        }
        return new KeyRing(keys, signingId);
    }

    SecretKey key(int id) {
        return keys.get(id);
    }

    int signingId() {
        return signingId;
    }

    @Override
    public String toString() {
        return "KeyRing[ids=" + new TreeMap<>(keys).keySet() + ", signing=" + signingId + "]";
    }
}
