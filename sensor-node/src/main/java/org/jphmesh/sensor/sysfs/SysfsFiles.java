package org.jphmesh.sensor.sysfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading the one-number files the Linux kernel exposes (sysfs, procfs). */
final class SysfsFiles {

    private SysfsFiles() {
    }

    /** The first whitespace-separated token of the file, as a number. */
    static double number(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        String first = text.isEmpty() ? "" : text.split("\\s+")[0];
        try {
            return Double.parseDouble(first);
        } catch (NumberFormatException e) {
            throw new IOException(file + " holds '" + text + "', not a number");
        }
    }
}
