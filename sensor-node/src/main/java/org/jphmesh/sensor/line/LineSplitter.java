package org.jphmesh.sensor.line;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into lines at {@code eol}, holding at most {@code maxLine} bytes: a device that sends
 * a megabyte without an end of line costs one bounded buffer, and that over-long line is dropped and counted,
 * not delivered in pieces. With {@code "\n"} as the end, a {@code "\r"} before it is dropped too (Arduino's
 * {@code println} ends lines with both). Not thread-safe: one reader feeds it.
 */
final class LineSplitter {

    private final byte[] eol;
    private final byte[] buffer;
    private final boolean crlfTolerant;
    // Volatile for the counters' readers (tests, health); one thread writes.
    private volatile int length;
    private int matched;
    private boolean discarding;
    private volatile long overLong;

    LineSplitter(String eol, int maxLine) {
        if (eol.isEmpty()) {
            throw new IllegalArgumentException("an empty end of line");
        }
        this.eol = eol.getBytes(StandardCharsets.UTF_8);
        this.buffer = new byte[maxLine];
        this.crlfTolerant = eol.equals("\n");
    }

    /** Feeds {@code count} bytes of {@code bytes}; each complete line (without its end) goes to {@code lines}. */
    void feed(byte[] bytes, int count, Consumer<String> lines) {
        for (int i = 0; i < count; i++) {
            byte b = bytes[i];
            if (b == eol[matched]) {
                matched++;
                if (matched == eol.length) {
                    matched = 0;
                    endOfLine(lines);
                }
                continue;
            }
            // A partial end of line was data after all: keep its bytes, then look at b afresh.
            int partial = matched;
            matched = 0;
            for (int k = 0; k < partial; k++) {
                append(eol[k]);
            }
            if (b == eol[0]) {
                matched = 1;
            } else {
                append(b);
            }
        }
    }

    private void append(byte b) {
        if (discarding) {
            return;
        }
        if (length == buffer.length) {
            discarding = true;
            length = 0;
            return;
        }
        buffer[length++] = b;
    }

    private void endOfLine(Consumer<String> lines) {
        if (discarding) {
            discarding = false;
            overLong++;
            return;
        }
        int end = crlfTolerant && length > 0 && buffer[length - 1] == '\r' ? length - 1 : length;
        String line = new String(buffer, 0, end, StandardCharsets.UTF_8);
        length = 0;
        lines.accept(line);
    }

    /** Forgets a partial line: after the device was reopened its first bytes start a new one. */
    void reset() {
        length = 0;
        matched = 0;
        discarding = false;
    }

    /** Lines longer than the buffer, dropped. */
    long overLongLines() {
        return overLong;
    }

    /** The bytes held for the current partial line, never more than the buffer. */
    int held() {
        return length;
    }
}
