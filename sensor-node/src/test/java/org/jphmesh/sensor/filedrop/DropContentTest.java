package org.jphmesh.sensor.filedrop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.driver.Reading;
import org.junit.jupiter.api.Test;

class DropContentTest {

    private static final Codifier F1 = Codifier.of("F1");
    private static final Codifier F2 = Codifier.of("F2");
    private static final Set<Codifier> OWN = Set.of(F1, F2);

    @Test
    void numbers_booleans_and_text_become_readings_in_the_order_written() {
        DropContent content = DropContent.parse("[{\"F1\": 21.5, \"F2\": \"open\"}, {\"F2\": false}]", OWN);

        assertThat(content.ok()).isTrue();
        assertThat(content.readings()).containsExactly(new Reading(F1, Readings.of(21.5)), new Reading(F2, Readings.text("open")),
                new Reading(F2, Readings.of(false)));
    }

    @Test
    void a_file_that_says_something_unsendable_is_refused_whole_with_the_reason() {
        assertThat(DropContent.parse("{\"F1\": 1, \"ZZ\": 2}", OWN).problem())
                .isEqualTo("ZZ is neither this node's codifier nor one of its Proxy[]");
        assertThat(DropContent.parse("{\"F1\": {\"deep\": 1}}", OWN).problem())
                .isEqualTo("F1 has {\"deep\":1}: a number, true/false or text is sent");
        assertThat(DropContent.parse("[{\"F1\": 1}, 7]", OWN).problem()).startsWith("item 1: not an object");
        assertThat(DropContent.parse("{\"F1X\": 1}", OWN).problem()).startsWith("\"F1X\" is not a codifier");
        assertThat(DropContent.parse("{}", OWN).problem()).isEqualTo("holds no reading");
        assertThat(DropContent.parse("{}", OWN).unparsable()).isFalse();
    }

    @Test
    void text_that_is_not_json_yet_is_told_apart_as_perhaps_still_being_written() {
        for (String half : List.of("", "[{\"F1\": 7},", "{\"F1\": 2")) {
            DropContent content = DropContent.parse(half, OWN);
            assertThat(content.ok()).as(half).isFalse();
            assertThat(content.unparsable()).as(half).isTrue();
        }
    }
}
