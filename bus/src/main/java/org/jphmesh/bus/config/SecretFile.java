package org.jphmesh.bus.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret (a password, a signing key) kept in a file that config.json names. Two promises: an error never
 * shows the value it was given, because a password written where the file name belongs would otherwise end
 * up in logs and terminals; and a file that group or others may read is reported, once per read, as a warning.
 */
public final class SecretFile {

    private static final Logger LOG = LoggerFactory.getLogger(SecretFile.class);

    private SecretFile() {
    }

    /** The first line of the file, trimmed, with {@code ~} expanded as the legacy tools did. */
    public static String firstLine(String file, String key) {
        return read(file, key).lines().findFirst().orElse("").strip();
    }

    /** The whole file, trimmed (a base64 key). */
    public static String whole(String file, String key) {
        return read(file, key).strip();
    }

    private static String read(String file, String key) {
        if (file == null || file.isBlank()) {
            throw new ConfigException(key + " must name a file holding the secret");
        }
        Path path;
        String text;
        try {
            path = ConfigSource.expandHome(file.strip());
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // The value is not shown: when it is not a file name, it is likely the password itself.
            throw new ConfigException(key + " must name a file holding the secret, and the file it names cannot be"
                    + " read (" + reason(e) + "); the value is not shown, as it may be the secret itself");
        }
        warnIfShared(path, key);
        return text;
    }

    private static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.CharacterCodingException || e instanceof java.io.UncheckedIOException) {
            return "not UTF-8 text";
        }
        return e.getClass().getSimpleName();
    }

    private static void warnIfShared(Path path, String key) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            LOG.warn("{} names {}, which group or others may read: chmod 600 it", key, path);
        }
    }
}
