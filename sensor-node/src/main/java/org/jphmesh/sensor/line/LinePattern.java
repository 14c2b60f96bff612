package org.jphmesh.sensor.line;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jphmesh.bus.frame.Codifier;

/** One {@code Patterns[]} entry: a regular expression whose group n goes to the n-th codifier (null skips a group). */
public record LinePattern(Pattern match, List<Codifier> codifiers) {

    public LinePattern {
        Objects.requireNonNull(match, "match");
        // List.copyOf refuses nulls, and a null codifier is how a group is skipped.
        codifiers = Collections.unmodifiableList(new ArrayList<>(codifiers));
        if (codifiers.size() == Collections.frequency(codifiers, null)) {
            throw new IllegalArgumentException("names no codifier");
        }
        int groups = match.matcher("").groupCount();
        if (codifiers.size() > groups) {
            throw new IllegalArgumentException("lists " + codifiers.size() + " codifiers but /" + match
                    + "/ has " + groups + " group" + (groups == 1 ? "" : "s"));
        }
    }
}
