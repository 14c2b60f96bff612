package org.jphmesh.web.diagram;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jphmesh.bus.frame.Codifier;

/**
 * A diagram's JSON file into a {@link Diagram}, strictly: every mistake is a {@link DiagramException} that names the
 * file and the key ({@code greenhouse.json: items[2].code must be a two-character codifier like G1, not "ABC"}).
 * A pure function of the file's name and text, so the folder can re-read a file whenever it changes.
 */
public final class DiagramReader {

    /** A diagram's name: what its JSON file is called, and a path segment of the API that cannot climb out. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    /** An image is a plain file name in the folder: no separator, no leading dot, so never {@code ..}. */
    private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}\\.(svg|png)",
            Pattern.CASE_INSENSITIVE);
    // More would not fit on a picture anyone can read; the bound keeps one file from filling the page.
    static final int MAX_ITEMS = 500;
    private static final Set<String> KEYS = Set.of("image", "title", "width", "height", "items");
    private static final Set<String> ITEM_KEYS = Set.of("code", "x", "y", "label");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private DiagramReader() {
    }

    /** {@code file}: the JSON file's name ({@code greenhouse.json}); the diagram is named after it. */
    public static Diagram read(String file, String text) {
        String name = file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
        if (!NAME.matcher(name).matches()) {
            throw new DiagramException(file + ": the file name must be letters, digits, - and _ (at most 64) before .json");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DiagramException(file + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new DiagramException(file + ": must be a JSON object with image and items");
        }
        refuseUnknown(file, "", root, KEYS);
        String image = text(file, "image", root.get("image"));
        if (image == null) {
            throw new DiagramException(file + ": image is missing; it names the .svg or .png file beside it");
        }
        if (!IMAGE.matcher(image).matches()) {
            throw new DiagramException(file + ": image must be the name of a .svg or .png file in the same folder"
                    + " (no folders), not \"" + image + "\"");
        }
        String title = text(file, "title", root.get("title"));
        Double width = size(file, "width", root.get("width"));
        Double height = size(file, "height", root.get("height"));
        JsonNode list = root.get("items");
        if (list == null || !list.isArray()) {
            throw new DiagramException(file + ": items must be a list of {\"code\", \"x\", \"y\"}");
        }
        if (list.size() > MAX_ITEMS) {
            throw new DiagramException(file + ": items may hold at most " + MAX_ITEMS + " values, not " + list.size());
        }
        List<DiagramItem> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            items.add(item(file, "items[" + i + "]", list.get(i)));
        }
        return new Diagram(name, title == null || title.isBlank() ? name : title, image, width, height, items);
    }

    /** Whether {@code image} names an SVG (as opposed to a PNG). */
    public static boolean isSvg(String image) {
        return image.toLowerCase(Locale.ROOT).endsWith(".svg");
    }

    private static DiagramItem item(String file, String at, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new DiagramException(file + ": " + at + " must be an object {\"code\", \"x\", \"y\"}");
        }
        refuseUnknown(file, at + ".", node, ITEM_KEYS);
        JsonNode code = node.get("code");
        String codeText = code == null || !code.isTextual() ? null : code.asText();
        try {
            Codifier.of(codeText);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DiagramException(file + ": " + at + ".code must be a two-character codifier like G1, not "
                    + (code == null ? "missing" : code.toString()));
        }
        return new DiagramItem(codeText, coordinate(file, at + ".x", node.get("x")), coordinate(file, at + ".y", node.get("y")),
                text(file, at + ".label", node.get("label")));
    }

    private static double coordinate(String file, String key, JsonNode value) {
        if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < 0) {
            throw new DiagramException(file + ": " + key + " must be a number >= 0 (pixels of the image), not "
                    + (value == null ? "missing" : value.toString()));
        }
        return value.asDouble();
    }

    private static Double size(String file, String key, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !(value.asDouble() > 0) || !Double.isFinite(value.asDouble())) {
            throw new DiagramException(file + ": " + key + " must be a number > 0 (pixels), not " + value);
        }
        return value.asDouble();
    }

    private static String text(String file, String key, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new DiagramException(file + ": " + key + " must be text, not " + value);
        }
        return value.asText();
    }

    // A typo ("lable", "X") would otherwise vanish without a word.
    private static void refuseUnknown(String file, String prefix, JsonNode node, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new DiagramException(file + ": " + prefix + key + " is not a key here; the keys are "
                        + new java.util.TreeSet<>(known));
            }
        }
    }
}
