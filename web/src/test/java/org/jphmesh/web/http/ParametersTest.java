package org.jphmesh.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jphmesh.web.http.error.BadRequestException;
import org.junit.jupiter.api.Test;

class ParametersTest {

    @Test
    void times_are_epoch_milliseconds_or_iso_8601() {
        assertThat(Parameters.time("from", "1795320000000", 0)).isEqualTo(1_795_320_000_000L);
        assertThat(Parameters.time("from", "2026-11-22T10:00:00Z", 0)).isEqualTo(1_795_341_600_000L);
        assertThat(Parameters.time("from", "2026-11-22T11:00:00+01:00", 0)).isEqualTo(1_795_341_600_000L);
        assertThat(Parameters.time("from", null, 7)).isEqualTo(7);
    }

    @Test
    void times_outside_1970_to_9999_or_unparseable_are_bad_requests_not_errors() {
        for (String bad : new String[] {"yesterday", "-999999999999999", "+999999999-12-31T23:59:59Z", "999999999999999"}) {
            assertThatThrownBy(() -> Parameters.time("from", bad, 0)).as(bad)
                    .isInstanceOf(BadRequestException.class).hasMessageStartingWith("from must");
        }
    }

    @Test
    void codifiers_and_whole_numbers_are_checked_and_named() {
        assertThat(Parameters.codifier("code", "G1").value()).isEqualTo("G1");
        assertThatThrownBy(() -> Parameters.codifier("code", "G12")).hasMessageContaining("code must be a two-character codifier");
        assertThat(Parameters.integer("limit", "50", 200, 1, 1000)).isEqualTo(50);
        assertThatThrownBy(() -> Parameters.integer("limit", "5000", 200, 1, 1000)).hasMessageContaining("limit must be a whole number from 1 to 1000");
    }
}
