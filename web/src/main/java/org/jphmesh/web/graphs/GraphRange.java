package org.jphmesh.web.graphs;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The span a saved graph shows, ending now: a whole number of minutes, hours or days ({@code 15m}, {@code 2h},
 * {@code 30d}), from one minute to 400 days, the longest range the history API serves.
 */
public final class GraphRange {

    public static final String DEFAULT = "1h";
    private static final Pattern FORM = Pattern.compile("(\\d{1,6})([mhd])");
    private static final Duration LONGEST = Duration.ofDays(400);

    private GraphRange() {
    }

    /** The range's length; throws with what was wrong for anything but {@code <n>m}, {@code <n>h} or {@code <n>d}. */
    public static Duration parse(String text) {
        Matcher form = text == null ? null : FORM.matcher(text);
        if (form == null || !form.matches()) {
            throw new IllegalArgumentException("range must be a whole number of minutes, hours or days like 15m, 6h or 7d, not '"
                    + text + "'");
        }
        long amount = Long.parseLong(form.group(1));
        Duration length = switch (form.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (amount < 1 || length.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("range must lie between 1m and 400d, not '" + text + "'");
        }
        return length;
    }
}
