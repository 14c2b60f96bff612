package org.jphmesh.bus.codec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The legacy reference datagrams (copied from the shared legacy folder into test resources), parsed by their columns. */
public final class LegacyVectors {

    /** One reference datagram with the fields its line states independently of the bytes. */
    public record Vector(String source, String channel, long sequence, String flag, String from, String to,
                         String value, byte[] bytes) {
    }

    private static final Pattern CAPTURE = Pattern.compile(
            "(CTRL|DATA) (\\d+) (\\d+) (\\d+) b'(.)' b'(..)' b'(..)' (\\d+) ([0-9a-f]+) ([0-9a-f]+)");
    private static final Pattern VECTOR = Pattern.compile(
            "(CTRL|DATA) seq=(\\d+) flag=(.) from=(..) to=(..) (.*) len=(\\d+) ([0-9a-f]+)");

    private LegacyVectors() {
    }

    public static List<Vector> capture() {
        List<Vector> vectors = new ArrayList<>();
        for (String line : lines("/legacy/capture.txt")) {
            Matcher m = CAPTURE.matcher(line);
            if (!m.matches()) {
                throw new IllegalStateException("unparsed capture line: " + line);
            }
            byte[] bytes = HexFormat.of().parseHex(m.group(10));
            if (bytes.length != Integer.parseInt(m.group(2))) {
                throw new IllegalStateException("length column disagrees with bytes: " + line);
            }
            vectors.add(new Vector("capture", m.group(1), Long.parseLong(m.group(3)), m.group(5), m.group(6),
                    m.group(7), m.group(9), bytes));
        }
        return vectors;
    }

    public static List<Vector> packed() {
        List<Vector> vectors = new ArrayList<>();
        for (String line : lines("/legacy/vectors.txt")) {
            Matcher m = VECTOR.matcher(line);
            if (!m.matches()) {
                throw new IllegalStateException("unparsed vector line: " + line);
            }
            byte[] bytes = HexFormat.of().parseHex(m.group(8));
            vectors.add(new Vector("vectors", m.group(1), Long.parseLong(m.group(2)), m.group(3), m.group(4),
                    m.group(5), m.group(6).trim(), bytes));
        }
        return vectors;
    }

    public static List<Vector> all() {
        List<Vector> all = new ArrayList<>(capture());
        all.addAll(packed());
        return all;
    }

    private static List<String> lines(String resource) {
        try (InputStream in = LegacyVectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            List<String> lines = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line.trim());
                }
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
