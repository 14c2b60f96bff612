package org.jphmesh.web.history;

import java.util.Locale;
import org.jphmesh.web.http.error.BadRequestException;

/** How a history answer is cut: single readings, rollup buckets, or {@code auto} (chosen by the range). */
public enum HistoryStep {
    auto, raw, tenMinutes, hour;

    public static HistoryStep parse(String text) {
        if (text == null || text.isBlank()) {
            return auto;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> auto;
            case "raw" -> raw;
            case "10min" -> tenMinutes;
            case "hour" -> hour;
            default -> throw new BadRequestException("step must be one of auto, raw, 10min, hour, not '" + text + "'");
        };
    }
}
