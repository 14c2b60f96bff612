package org.jphmesh.web.graphs;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.jphmesh.bus.frame.Codifier;

/**
 * A graph a user saved: its name (unique per user), the codifiers it overlays in order, and its {@link GraphRange}.
 * Valid by construction; whether the codifiers are known to the dashboard is the caller's question.
 */
public record SavedGraph(String name, List<String> codes, String range) {

    public static final int MAX_NAME = 100;
    public static final int MAX_CODES = 8;

    public SavedGraph {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(codes, "codes");
        range = range == null ? GraphRange.DEFAULT : range;
        if (name.isBlank() || name.length() > MAX_NAME || !name.equals(name.strip())) {
            throw new IllegalArgumentException("name must be 1 to " + MAX_NAME
                    + " characters, not blank and without leading or trailing spaces, not '" + shorten(name) + "'");
        }
        // The name travels in a path (/api/graphs/{name}/delete, graphs.html?graph=): no slash, no control character.
        if (name.chars().anyMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c))) {
            throw new IllegalArgumentException("name may not contain '/', '\\' or control characters: '" + shorten(name) + "'");
        }
        codes = List.copyOf(codes);
        if (codes.isEmpty() || codes.size() > MAX_CODES) {
            throw new IllegalArgumentException("codes must list 1 to " + MAX_CODES + " codifiers, not " + codes.size());
        }
        for (String code : codes) {
            try {
                Codifier.of(code);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("codes: '" + code + "' is not a two-character codifier like G1");
            }
        }
        if (new HashSet<>(codes).size() != codes.size()) {
            throw new IllegalArgumentException("codes lists a codifier twice: " + codes);
        }
        GraphRange.parse(range);
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
