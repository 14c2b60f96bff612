package org.jphmesh.web.diagram;

import java.util.List;
import java.util.Objects;

/**
 * One plant diagram: an image in the diagrams folder and the sensors whose live values sit over it.
 *
 * @param name   the JSON file's name without {@code .json}; the diagram's address in the API
 * @param image  the image's file name in the same folder, {@code .svg} or {@code .png}
 * @param width  the width of the frame {@code x} counts in, or null: the image's own width in pixels
 * @param height the height of that frame, or null: the image's own height
 */
public record Diagram(String name, String title, String image, Double width, Double height, List<DiagramItem> items) {

    public Diagram {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(image, "image");
        items = List.copyOf(items);
    }
}
