package org.jphmesh.sensor.filedrop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The drop-box on disk: {@code *.json} files waiting in the folder (names starting with a dot are someone's
 * temporary files), and {@code done/} and {@code failed/} beside them. A file is moved before its readings are
 * sent, so no file is ever sent twice, not even when the node cannot move it.
 */
final class DropFolder {

    /** Files larger than this are refused: a drop holds a few readings, not a log. */
    static final int MAX_BYTES = 1 << 20;

    private final Path folder;
    private final Path done;
    private final Path failed;
    private final Duration settle;
    private final Clock clock;

    DropFolder(Path folder, Duration settle, Clock clock) {
        this.folder = folder;
        this.done = folder.resolve("done");
        this.failed = folder.resolve("failed");
        this.settle = settle;
        this.clock = clock;
    }

    Path path() {
        return folder;
    }

    void create() throws IOException {
        Files.createDirectories(done);
        Files.createDirectories(failed);
    }

    /** The waiting files, in the order of their names. */
    List<Path> waiting() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.json")) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().startsWith(".") && Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        }
        files.sort(null);
        return files;
    }

    /** The file's text, or empty when it is gone (taken by another reader) or too large (then moved to failed/). */
    Optional<String> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                fail(file, "larger than " + MAX_BYTES + " bytes");
                return Optional.empty();
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException gone) {
            return Optional.empty();
        }
    }

    /** Whether the file has not changed for the settle time: one that is not JSON by then never will be. */
    boolean settled(Path file) throws IOException {
        return clock.millis() - Files.getLastModifiedTime(file).toMillis() >= settle.toMillis();
    }

    void finish(Path file) throws IOException {
        Files.move(file, done.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Moves the file to {@code failed/}, with {@code <name>.reason} beside it saying why. */
    void fail(Path file, String reason) throws IOException {
        Path name = file.getFileName();
        Files.move(file, failed.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(failed.resolve(name + ".reason"), reason + System.lineSeparator(), StandardCharsets.UTF_8);
    }
}
