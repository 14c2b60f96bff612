package org.jphmesh.sensor.driver;

import java.nio.file.Files;
import java.nio.file.Path;

/** The file a Raspberry Pi's firmware reads overlays from, for messages that say which line to add where. */
public final class BootConfig {

    private static final Path BOOKWORM = Path.of("/boot/firmware/config.txt");

    private BootConfig() {
    }

    /** {@code /boot/firmware/config.txt} where it exists (Raspberry Pi OS Bookworm and later), else the older place. */
    public static String path() {
        return Files.exists(BOOKWORM) ? BOOKWORM.toString() : "/boot/config.txt (/boot/firmware/config.txt on Bookworm)";
    }
}
