package org.jphmesh.web.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.web.http.error.BadRequestException;

/** Request parameters read strictly: anything off gets a 400 that names the parameter and what it takes. */
public final class Parameters {

    private static final long LATEST = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    private Parameters() {
    }

    public static Codifier codifier(String name, String text) {
        try {
            return Codifier.of(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadRequestException(name + " must be a two-character codifier like G1, not '" + text + "'");
        }
    }

    /** Epoch milliseconds, or an ISO-8601 instant ({@code 2026-11-22T10:00:00Z}, offsets allowed), 1970 to 9999. */
    public static long time(String name, String text, long otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        String trimmed = text.trim();
        long millis;
        try {
            millis = trimmed.matches("-?\\d{1,15}") ? Long.parseLong(trimmed) : parseIso(trimmed);
        } catch (DateTimeException | ArithmeticException e) {
            throw new BadRequestException(name + " must be epoch milliseconds or ISO-8601 like 2026-11-22T10:00:00Z, not '"
                    + text + "'");
        }
        if (millis < 0 || millis > LATEST) {
            throw new BadRequestException(name + " must lie between 1970 and 9999, not '" + text + "'");
        }
        return millis;
    }

    private static long parseIso(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException notInstant) {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        }
    }

    public static int integer(String name, String text, int otherwise, int min, int max) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new BadRequestException(name + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
    }
}
