package org.jphmesh.sensor.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private final List<String> lines = new ArrayList<>();

    private void feed(LineSplitter splitter, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        splitter.feed(bytes, bytes.length, lines::add);
    }

    @Test
    void lines_end_at_newline_and_arduino_println_carriage_returns_are_dropped() {
        LineSplitter splitter = new LineSplitter("\n", 64);

        feed(splitter, "T=21.5 H=40\r\nT=2");
        feed(splitter, "2 H=41\n\n");

        assertThat(lines).containsExactly("T=21.5 H=40", "T=22 H=41", "");
        assertThat(splitter.held()).isZero();
    }

    @Test
    void an_end_of_several_bytes_may_arrive_in_pieces_and_a_partial_one_is_data() {
        LineSplitter splitter = new LineSplitter("\r\n", 64);

        feed(splitter, "OL\r");
        feed(splitter, "\nBAT\rX\r\r\n");

        assertThat(lines).containsExactly("OL", "BAT\rX\r");
    }

    @Test
    void a_line_longer_than_the_buffer_is_dropped_whole_and_counted_and_the_next_one_is_read() {
        LineSplitter splitter = new LineSplitter("\n", 8);

        feed(splitter, "0123456789abcdef");
        assertThat(splitter.held()).isLessThanOrEqualTo(8);
        feed(splitter, "more\nok\n");

        assertThat(lines).containsExactly("ok");
        assertThat(splitter.overLongLines()).isEqualTo(1);
    }

    @Test
    void a_line_of_exactly_the_buffer_size_is_kept() {
        LineSplitter splitter = new LineSplitter("\n", 8);

        feed(splitter, "12345678\n");

        assertThat(lines).containsExactly("12345678");
        assertThat(splitter.overLongLines()).isZero();
    }

    @Test
    void reset_forgets_a_partial_line() {
        LineSplitter splitter = new LineSplitter("\n", 64);
        feed(splitter, "T=2");

        splitter.reset();
        feed(splitter, "T=3\n");

        assertThat(lines).containsExactly("T=3");
    }
}
