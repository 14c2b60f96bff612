package org.jphmesh.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import org.jphmesh.bus.frame.ControlPayload;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.IntegerReading;
import org.jphmesh.bus.frame.JsonReading;
import org.jphmesh.bus.frame.Payload;
import org.jphmesh.bus.frame.SequenceStart;
import org.jphmesh.bus.frame.TextReading;

/** One frame as one line: for people, or as a JSON object for scripts. */
final class FrameFormatter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FrameFormatter() {
    }

    static String text(Frame frame) {
        return String.format(Locale.ROOT, "%s %-7s %c %s -> %s #%d %s", Instant.ofEpochMilli(frame.timestamp()),
                frame.channel().label(), frame.flag().letter(), frame.from(), frame.to(), frame.sequence(),
                describe(frame.payload()));
    }

    static String json(Frame frame) {
        ObjectNode node = JSON.createObjectNode();
        node.put("channel", frame.channel().label());
        node.put("flag", String.valueOf(frame.flag().letter()));
        node.put("from", frame.from().value());
        node.put("to", frame.to().value());
        node.put("sequence", frame.sequence());
        node.put("timestamp", frame.timestamp());
        Payload payload = frame.payload();
        if (payload instanceof ControlPayload control) {
            node.put("value", control.timeComponent());
            node.put("active", control.active());
        } else if (payload instanceof FloatReading reading) {
            // The shortest decimal that is this float32, not its widened double (21.5, not 21.500000953674316).
            node.put("value", new java.math.BigDecimal(Float.toString(reading.value())));
        } else if (payload instanceof IntegerReading reading) {
            node.put("value", reading.value());
        } else if (payload instanceof SequenceStart start) {
            node.put("value", start.start());
        } else if (payload instanceof TextReading text) {
            node.put("value", text.text());
        } else if (payload instanceof JsonReading json) {
            node.set("value", parseOrText(json.json()));
        }
        return node.toString();
    }

    private static String describe(Payload payload) {
        if (payload instanceof ControlPayload control) {
            return String.format(Locale.ROOT, "time=%s active=%s", plain(control.timeComponent()), control.active());
        }
        if (payload instanceof TextReading text) {
            return "value=\"" + printable(text.text()) + "\"";
        }
        if (payload instanceof JsonReading json) {
            return "value=" + printable(json.json());
        }
        if (payload instanceof SequenceStart start) {
            return "start=" + start.start();
        }
        return "value=" + payload;
    }

    // Text from the network may hold newlines or terminal escapes; a monitor line must stay one honest line.
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e18 ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static JsonNode parseOrText(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }
}
