package org.jphmesh.sensor.line;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.DataPayload;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.json.LenientNumber;
import org.jphmesh.sensor.driver.Reading;

/**
 * A line to readings: the first of the {@code Patterns} found in it gives group n to its n-th codifier, as a
 * number when the group parses as one (the same reading of numbers as config values and JSON fields), else as text.
 * A pure function of the line.
 */
final class LineMapper {

    private final List<LinePattern> patterns;

    LineMapper(List<LinePattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** The line's readings; empty when no pattern is found in it. */
    Optional<List<Reading>> map(String line) {
        for (LinePattern pattern : patterns) {
            Matcher matcher = pattern.match().matcher(line);
            if (!matcher.find()) {
                continue;
            }
            List<Reading> readings = new ArrayList<>();
            List<Codifier> codifiers = pattern.codifiers();
            for (int group = 1; group <= codifiers.size(); group++) {
                Codifier codifier = codifiers.get(group - 1);
                String value = matcher.group(group);
                // A group that took no part in the match (an optional one) says nothing about its codifier.
                if (codifier != null && value != null) {
                    readings.add(new Reading(codifier, payload(value)));
                }
            }
            return Optional.of(readings);
        }
        return Optional.empty();
    }

    static DataPayload payload(String text) {
        OptionalDouble number = LenientNumber.of(TextNode.valueOf(text));
        return number.isPresent() ? Readings.of(number.getAsDouble()) : Readings.text(text.strip());
    }
}
