package org.jphmesh.sensor.filedrop;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.sensor.driver.CommandValue;

/**
 * The {@code Output} file: the node's last {@code A}/{@code E} command as
 * {@code {"command":"A","to":"F1","value":42,"from":"CK","at":"2026-12-06T09:40:00Z"}}, replaced whole by a rename
 * so the agent never reads half of one.
 */
final class CommandOutput {

    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;

    CommandOutput(Path file) {
        this.file = file;
    }

    void write(Frame command, Instant at) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("command", String.valueOf(command.flag().letter()));
            json.writeStringField("to", command.to().value());
            double value = command.control().timeComponent();
            json.writeFieldName("value");
            // JSON has no NaN or infinity; a command never carries them, but a malformed frame might.
            if (Double.isFinite(value)) {
                json.writeRawValue(CommandValue.plain(value));
            } else {
                json.writeNull();
            }
            json.writeStringField("from", command.from().value());
            json.writeStringField("at", at.toString());
            json.writeEndObject();
        }
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, text + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
