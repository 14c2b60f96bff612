package org.jphmesh.web.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A chart's worth of one codifier's history, in columns as uPlot takes them: bucket (or reading) times
 * in epoch milliseconds and, per time, the mean, min and max (all three equal for single readings).
 */
public record History(String code, long from, long to, String step, List<Long> t, List<Double> mean,
                      List<Double> min, List<Double> max, boolean truncated) {

    public History {
        t = List.copyOf(t);
        mean = Collections.unmodifiableList(new ArrayList<>(mean));
        min = Collections.unmodifiableList(new ArrayList<>(min));
        max = Collections.unmodifiableList(new ArrayList<>(max));
    }
}
