package org.jphmesh.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jphmesh.app.store.SqlPool;
import org.jphmesh.sql.db.Migrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/grafana/jph-mesh.json against the real schema: every query of the dashboard, with Grafana's macros
 * expanded the way its PostgreSQL data source expands them, runs on a migrated database with readings in it.
 */
class GrafanaDashboardIT {

    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "jph-mesh.json");

    private final TestDatabase database = new TestDatabase();

    @AfterEach
    void drop() {
        database.close();
    }

    // What Grafana's PostgreSQL data source makes of its macros and of a multi-value variable.
    private static String expand(String sql) {
        return sql.replaceAll("\\$__timeGroupAlias\\((\\w+), \\$__interval\\)",
                        "date_bin('1 minute', $1, TIMESTAMPTZ 'epoch') AS \"time\"")
                .replaceAll("\\$__timeFilter\\((\\w+)\\)", "$1 BETWEEN now() - interval '6 hours' AND now()")
                .replace("$codifier", "'G1','G2'");
    }

    private static List<String> queries(JsonNode dashboard) {
        List<String> all = new ArrayList<>();
        all.add(dashboard.path("templating").path("list").get(0).path("query").asText());
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                all.add(target.path("rawSql").asText());
            }
        }
        return all;
    }

    @Test
    void every_query_of_the_grafana_dashboard_runs_on_the_schema_and_finds_the_readings() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        try (HikariDataSource pool = SqlPool.open(database.settings(), "jph-sql", 2, 2, Duration.ofSeconds(5))) {
            Migrations.migrate(pool);
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO reading (codifier, ts, seq, kind, value) SELECT 'G1', now() - g * interval '1 minute',"
                    + " g, 'f', 20 + g / 10.0 FROM generate_series(1, 120) g");
            statement.execute("INSERT INTO reading_rollup VALUES ('G1', 'hour', date_trunc('hour', now()), 60, 21, 20, 22, 21, 0.5)");
            statement.execute("INSERT INTO network_loss VALUES ('G1', 'data', 'Q1', 120, 3, 0, 1, 0, now())");
            List<String> queries = queries(dashboard);
            assertThat(queries).hasSizeGreaterThanOrEqualTo(10).allMatch(q -> !q.isBlank());
            for (String query : queries) {
                try (ResultSet rows = statement.executeQuery(expand(query))) {
                    assertThat(rows.next()).as("a row from: %s", query).isTrue();
                }
            }
        }
    }
}
