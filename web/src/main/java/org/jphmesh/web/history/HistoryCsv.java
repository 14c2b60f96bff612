package org.jphmesh.web.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jphmesh.bus.json.PlainNumber;

/**
 * A history answer as CSV, the rows the chart drew: {@code time} (ISO-8601 UTC), {@code epoch_ms}, {@code mean},
 * {@code min}, {@code max}, and {@code label} for a sensor with states. Every field is a number, a time or a label
 * checked at config load, so only labels need quoting (RFC 4180).
 */
public final class HistoryCsv {

    private HistoryCsv() {
    }

    public static String of(History history, Map<String, String> states) {
        boolean labelled = states != null && !states.isEmpty();
        StringBuilder csv = new StringBuilder(64 + history.t().size() * 64);
        csv.append("time,epoch_ms,mean,min,max").append(labelled ? ",label" : "").append("\r\n");
        for (int i = 0; i < history.t().size(); i++) {
            long at = history.t().get(i);
            Double mean = history.mean().get(i);
            csv.append(Instant.ofEpochMilli(at)).append(',').append(at).append(',')
                    .append(number(mean)).append(',')
                    .append(number(history.min().get(i))).append(',')
                    .append(number(history.max().get(i)));
            if (labelled) {
                csv.append(',').append(quoted(mean == null ? null : states.get(number(mean))));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    /** The file name a browser saves it as: {@code D1_20261206T080000Z_20261206T090000Z.csv}. */
    public static String fileName(History history) {
        return history.code() + "_" + compact(history.from()) + "_" + compact(history.to()) + ".csv";
    }

    private static String compact(long at) {
        return Instant.ofEpochMilli(at).toString().replace("-", "").replace(":", "").replaceAll("\\.\\d+", "");
    }

    private static String number(Double value) {
        return value == null || !Double.isFinite(value) ? "" : PlainNumber.of(value);
    }

    private static String quoted(String text) {
        if (text == null) {
            return "";
        }
        return List.of(',', '"', '\r', '\n').stream().anyMatch(c -> text.indexOf(c) >= 0)
                ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
