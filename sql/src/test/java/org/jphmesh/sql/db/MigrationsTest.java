package org.jphmesh.sql.db;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void a_server_older_than_postgresql_14_is_refused_with_its_version_and_the_reason() {
        assertThatThrownBy(() -> Migrations.requireSupported(13, "13.16 (Debian 13.16-0+deb11u1)"))
                .hasMessageStartingWith("PostgreSQL 13.16 (Debian 13.16-0+deb11u1) is too old: JPH needs 14 or newer")
                .hasMessageContaining("date_bin");
        assertThatCode(() -> Migrations.requireSupported(14, "14.0")).doesNotThrowAnyException();
        assertThatCode(() -> Migrations.requireSupported(17, "17.7")).doesNotThrowAnyException();
    }
}
