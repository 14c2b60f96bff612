package org.jphmesh.sensor.alert;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.jphmesh.app.files.AtomicFile;
import org.jphmesh.bus.frame.Codifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules' states on disk ({@code alerts.json} in the node's state folder), replaced atomically after every round
 * that changed one, so a restart finds a firing alert still firing and already announced. An unreadable file is
 * logged and set aside, and the rules start fresh: a broken file must not keep the alerts node from running.
 */
final class AlertLedger {

    private static final Logger LOG = LoggerFactory.getLogger(AlertLedger.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<Map<String, RuleState>> SHAPE = new TypeReference<>() {
    };

    private final Codifier node;
    private final Path file;

    AlertLedger(Codifier node, Path folder) {
        this.node = node;
        this.file = folder.resolve("alerts.json");
    }

    Path file() {
        return file;
    }

    Map<Codifier, RuleState> load() {
        Map<Codifier, RuleState> states = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        try {
            Map<String, RuleState> kept = JSON.readValue(Files.readAllBytes(file), SHAPE);
            kept.forEach((code, state) -> {
                if (state != null && state.state() != null) {
                    states.put(Codifier.of(code), state);
                }
            });
        } catch (NoSuchFileException e) {
            return states;
        } catch (IOException | IllegalArgumentException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
            LOG.error("{} - {} cannot be read ({}); moved to {}, every rule starts ok", node, file, e.getMessage(), aside);
            try {
                Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.error("{} - cannot move {} aside: {}", node, file, moveFailed.toString());
            }
            states.clear();
        }
        return states;
    }

    /** Writes every rule's state; false (logged) when the disk refused. */
    boolean save(Map<Codifier, RuleState> states) {
        Map<String, RuleState> byCode = new TreeMap<>();
        states.forEach((code, state) -> byCode.put(code.value(), state));
        try {
            AtomicFile.write(file, JSON.writeValueAsBytes(byCode));
            return true;
        } catch (IOException e) {
            LOG.warn("{} - alert states not kept in {}: {}", node, file, e.toString());
            return false;
        }
    }
}
