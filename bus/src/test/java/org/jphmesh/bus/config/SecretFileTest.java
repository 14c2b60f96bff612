package org.jphmesh.bus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SecretFileTest {

    @TempDir
    Path dir;

    private final Logger logger = (Logger) LoggerFactory.getLogger(SecretFile.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    @Test
    void a_password_written_where_its_file_belongs_is_never_shown_in_the_error() {
        assertThatThrownBy(() -> SecretFile.firstLine("Tr0ub4dor&3-secret", "Sensors (Q1).Sensor.SQL.Password"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Sensors (Q1).Sensor.SQL.Password must name a file holding the secret")
                .hasMessageContaining("no such file")
                .hasMessageNotContaining("Tr0ub4dor");
    }

    @Test
    void a_file_that_group_or_others_may_read_is_read_and_warned_about_and_a_private_one_is_not() throws Exception {
        Path shared = Files.writeString(dir.resolve("shared"), "first line\nsecond\n");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));
        Path private_ = Files.writeString(dir.resolve("private"), "  key text \n");
        Files.setPosixFilePermissions(private_, PosixFilePermissions.fromString("rw-------"));

        assertThat(SecretFile.firstLine(shared.toString(), "Sensors (Q1).Sensor.Redis.PasswordFile")).isEqualTo("first line");
        assertThat(SecretFile.whole(private_.toString(), "Multicast.Auth.Keys[0].File")).isEqualTo("key text");

        assertThat(logged.list).singleElement().satisfies(event ->
                assertThat(event.getFormattedMessage()).contains("Sensors (Q1).Sensor.Redis.PasswordFile")
                        .contains("group or others may read").contains("chmod 600"));
    }
}
