package org.jphmesh.app.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a small file in one step, so a crash or a power cut leaves the old content or the new, never a mix: the
 * new content goes to a sibling file, is forced to disk, renamed over the old one, and the rename is forced too.
 * Every state a program keeps across restarts (a set-point, alert states, a notification queue) is written so.
 */
public final class AtomicFile {

    /** The sibling a write goes to before its rename: left behind only by a crash, and safe to delete at start. */
    public static final String TEMPORARY_SUFFIX = ".new";

    private AtomicFile() {
    }

    /** Writes {@code content} to {@code file}, creating its folder. */
    public static void write(Path file, byte[] content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path next = file.resolveSibling(file.getFileName() + TEMPORARY_SUFFIX);
        try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        try {
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
