package org.jphmesh.sensor.alert.notify;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jphmesh.app.files.AtomicFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's undelivered notifications on disk: a file per notification, named by its sequence number
 * ({@code 0000000000000000042.json}), so the folder's sorted listing is the delivery order. A file is written whole
 * and renamed into place, so a crash leaves it or nothing; a file that cannot be read is renamed {@code .bad} and left
 * for a person.
 */
final class OutboxFolder {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxFolder.class);
    private static final Pattern NAME = Pattern.compile("(\\d{19})\\.json");
    // What AtomicFile leaves when a crash comes before its rename.
    private static final String TEMPORARY = AtomicFile.TEMPORARY_SUFFIX;

    /** A notification read back, with its place in the order. */
    record Stored(long sequence, Notification notification, Path file) {
    }

    private final String label;
    private final Path folder;

    OutboxFolder(String label, Path folder) throws IOException {
        this.label = label;
        this.folder = folder;
        Files.createDirectories(folder);
    }

    /** Writes {@code notification} as number {@code sequence}; on disk, the rename included, when this returns. */
    Path write(long sequence, Notification notification) throws IOException {
        Path file = folder.resolve(String.format("%019d.json", sequence));
        AtomicFile.write(file, NotificationJson.stored(notification));
        return file;
    }

    /**
     * Removes a delivered notification. The folder is not forced: should the removal be lost in a power cut, the
     * notification is sent once more, which at-least-once allows.
     */
    void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("{} - cannot remove the delivered notification {} ({}); it will be sent again after a restart",
                    label, file, e.toString());
        }
    }

    /** The notifications left by an earlier run, oldest first; half-written files are removed. */
    List<Stored> load() throws IOException {
        List<Stored> stored = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Matcher matcher = NAME.matcher(name);
                if (name.endsWith(TEMPORARY)) {
                    Files.deleteIfExists(file);
                } else if (matcher.matches()) {
                    read(file, Long.parseLong(matcher.group(1)), stored);
                }
            }
        }
        stored.sort(Comparator.comparingLong(Stored::sequence));
        return stored;
    }

    private void read(Path file, long sequence, List<Stored> stored) {
        try {
            stored.add(new Stored(sequence, NotificationJson.read(Files.readAllBytes(file)), file));
        } catch (IOException | IllegalArgumentException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".bad");
            LOG.warn("{} - {} holds no notification ({}); moved to {}", label, file, e.getMessage(), aside);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (NoSuchFileException gone) {
                // Removed meanwhile: nothing to set aside.
            } catch (IOException moveFailed) {
                LOG.warn("{} - cannot move {} aside: {}", label, file, moveFailed.toString());
            }
        }
    }
}
