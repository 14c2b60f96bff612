package org.jphmesh.web.diagram;

import java.util.Objects;

/**
 * One live value on a diagram, centred on ({@code x}, {@code y}) in the diagram's pixels.
 *
 * @param code  the codifier whose readings it shows
 * @param label a caption above the value, or null
 */
public record DiagramItem(String code, double x, double y, String label) {

    public DiagramItem {
        Objects.requireNonNull(code, "code");
        if (!Double.isFinite(x) || !Double.isFinite(y) || x < 0 || y < 0) {
            throw new IllegalArgumentException("x and y must be finite and >= 0, not " + x + ", " + y);
        }
    }
}
