package org.jphmesh.web.graphs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graphs each user saved, in {@code saved_graph} (the legacy {@code Graphs} table): one row per user and
 * name, the codifiers and range as JSON in {@code settings}. A user keeps at most {@value #MAX_PER_USER}, so one
 * account cannot grow the table without bound.
 */
public final class SavedGraphStore {

    public static final int MAX_PER_USER = 200;
    private static final Logger LOG = LoggerFactory.getLogger(SavedGraphStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource pool;

    public SavedGraphStore(DataSource pool) {
        this.pool = pool;
    }

    /** What a save did: created a graph, replaced one of the same name, or nothing because the user has too many. */
    public enum Outcome { created, replaced, full }

    public List<SavedGraph> list(String email) throws SQLException {
        List<SavedGraph> graphs = new ArrayList<>();
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT name, settings::text FROM saved_graph WHERE email = ? ORDER BY lower(name), name")) {
            statement.setString(1, email);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    SavedGraph graph = read(rows.getString(1), rows.getString(2));
                    if (graph != null) {
                        graphs.add(graph);
                    }
                }
            }
        }
        return graphs;
    }

    public Outcome save(String email, SavedGraph graph) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            boolean exists;
            int count;
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT count(*), count(*) FILTER (WHERE name = ?) FROM saved_graph WHERE email = ?")) {
                statement.setString(1, graph.name());
                statement.setString(2, email);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    count = row.getInt(1);
                    exists = row.getInt(2) > 0;
                }
            }
            if (!exists && count >= MAX_PER_USER) {
                return Outcome.full;
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO saved_graph (name, email, settings) VALUES (?, ?, ?::jsonb)"
                            + " ON CONFLICT (name, email) DO UPDATE SET settings = excluded.settings")) {
                statement.setString(1, graph.name());
                statement.setString(2, email);
                statement.setString(3, settings(graph));
                statement.executeUpdate();
            }
            return exists ? Outcome.replaced : Outcome.created;
        }
    }

    public boolean delete(String email, String name) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement("DELETE FROM saved_graph WHERE email = ? AND name = ?")) {
            statement.setString(1, email);
            statement.setString(2, name);
            return statement.executeUpdate() > 0;
        }
    }

    private static String settings(SavedGraph graph) {
        ObjectNode settings = JSON.createObjectNode();
        graph.codes().forEach(settings.putArray("codes")::add);
        settings.put("range", graph.range());
        return settings.toString();
    }

    // A row written by hand (or by a later version) that no longer reads as a graph is skipped, not a failed page.
    private static SavedGraph read(String name, String settings) {
        try {
            JsonNode node = JSON.readTree(settings);
            List<String> codes = new ArrayList<>();
            node.path("codes").forEach(code -> codes.add(code.asText()));
            return new SavedGraph(name, codes, node.path("range").isTextual() ? node.get("range").asText() : null);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warn("saved graph '{}' skipped: {}", name, e.getMessage());
            return null;
        }
    }
}
