package org.jphmesh.app.retention;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jphmesh.bus.config.ConfigException;

/**
 * How long one kind of data is kept: a number of days, weeks or years ({@code "400d"}, {@code "8w"},
 * {@code "5y"}), or {@code "forever"}. Years are calendar years in UTC, so "5y" keeps the same date five years back.
 *
 * @param period the length kept; null for forever
 */
public record RetentionPeriod(Period period) {

    public static final RetentionPeriod FOREVER = new RetentionPeriod(null);

    private static final Pattern TEXT = Pattern.compile("([1-9][0-9]{0,5})([dwy])");

    public RetentionPeriod {
        if (period != null && (period.isNegative() || period.isZero())) {
            throw new ConfigException("a retention period must be longer than nothing, not " + period);
        }
    }

    /** {@code text} as config.json writes it; {@code key} names the setting in the message when it is not one. */
    public static RetentionPeriod parse(String text, String key) {
        String trimmed = text.strip();
        if (trimmed.equalsIgnoreCase("forever")) {
            return FOREVER;
        }
        Matcher matcher = TEXT.matcher(trimmed);
        if (!matcher.matches()) {
            throw new ConfigException(key + " must be days, weeks or years (\"400d\", \"8w\", \"5y\") or \"forever\", not '" + text + "'");
        }
        int amount = Integer.parseInt(matcher.group(1));
        return new RetentionPeriod(switch (matcher.group(2)) {
            case "d" -> Period.ofDays(amount);
            case "w" -> Period.ofWeeks(amount);
            default -> Period.ofYears(amount);
        });
    }

    public boolean forever() {
        return period == null;
    }

    /** The horizon at {@code now}: data older than it may go; empty for forever. */
    public Optional<Instant> horizon(Instant now) {
        return forever() ? Optional.empty() : Optional.of(now.atOffset(ZoneOffset.UTC).minus(period).toInstant());
    }

    @Override
    public String toString() {
        return forever() ? "forever" : period.toString();
    }
}
