package org.jphmesh.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.TestMesh;
import org.jphmesh.sql.TestDatabase;
import org.jphmesh.sql.db.Migrations;
import org.jphmesh.web.http.auth.Role;
import org.jphmesh.web.http.auth.UserStore;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A dashboard of its own for one test: fresh multicast groups, a fresh database with the schema and three
 * users (viewer, operator, admin; password {@value #PASSWORD}), the dashboard entry CF on a free port, and
 * sensor entries S1 (with proxy S2) and a Control-enabled set-point Q5; with {@link #ALERTS} also two Alerts
 * entries: AL (Control enabled; rules W1 warning and W2 critical) and AM (no Control; rule V1).
 */
public final class WebTestRig implements AutoCloseable {

    public static final String PASSWORD = "correct horse battery";
    public static final ObjectMapper JSON = new ObjectMapper();
    /** More entries for the rig: alert rules (docs/rules.md). */
    public static final String ALERTS = String.join(",",
            TestMesh.entry("AL", "Alerts", 60, 60, "\"Control\":\"enabled\",\"Sensor\":{\"Proxy\":["
                    + "{\"Codifier\":\"W1\",\"Name\":\"Greenhouse too hot\",\"When\":\"{{S1}} > 30\"},"
                    + "{\"Codifier\":\"W2\",\"Name\":\"Greenhouse sensor silent\",\"Severity\":\"critical\","
                    + "\"Stale\":\"S1\",\"After\":120}]}"),
            TestMesh.entry("AM", "Alerts", 60, 60, "\"Sensor\":{\"Proxy\":[{\"Codifier\":\"V1\",\"Name\":\"Router halted\","
                    + "\"Halted\":\"RT\"}]}"));

    public final TestMesh mesh = TestMesh.fresh();
    public final TestDatabase database = new TestDatabase();
    public final PGSimpleDataSource source = new PGSimpleDataSource();
    public final Path config;
    public final WebApp app;
    private final List<AutoCloseable> running = new ArrayList<>();

    public WebTestRig(Path dir, boolean anonymousRead) {
        this(dir, anonymousRead, "");
    }

    /** {@code cfBlocks}: more members of the dashboard's {@code Sensor} block, e.g. {@code ,"Mqtt":{..}}. */
    public WebTestRig(Path dir, boolean anonymousRead, String cfBlocks) {
        this(dir, anonymousRead, cfBlocks, 5432);
    }

    /** {@code sqlPort}: where the dashboard finds PostgreSQL, e.g. a {@code TcpProxy} the test can cut. */
    public WebTestRig(Path dir, boolean anonymousRead, String cfBlocks, int sqlPort) {
        this(dir, anonymousRead, cfBlocks, sqlPort, "");
    }

    /** {@code moreEntries}: more members of {@code Sensors}, e.g. {@link #ALERTS}. */
    public WebTestRig(Path dir, boolean anonymousRead, String cfBlocks, int sqlPort, String moreEntries) {
        this(dir, anonymousRead, cfBlocks, sqlPort, moreEntries, "");
    }

    /** {@code webKeys}: more members of the dashboard's {@code Sensor.Web} block, e.g. {@code "Diagrams":"/tmp/d"}. */
    public WebTestRig(Path dir, boolean anonymousRead, String cfBlocks, int sqlPort, String moreEntries, String webKeys) {
        source.setUrl(database.url());
        source.setUser("postgres");
        Migrations.migrate(source);
        UserStore users = new UserStore(source);
        try {
            users.save("viewer@example.org", PASSWORD, Role.viewer);
            users.save("operator@example.org", PASSWORD, Role.operator);
            users.save("admin@example.org", PASSWORD, Role.admin);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        String databaseName = database.url().substring(database.url().lastIndexOf('/') + 1);
        config = mesh.writeConfig(dir, String.join(",",
                "{\"Codifier\":\"CF\",\"ShortName\":\"Dashboard\",\"Type\":\"Web\",\"KeepAliveInterval\":60,"
                        + "\"Sensor\":{\"SQL\":{\"Database\":\"" + databaseName + "\",\"User\":\"postgres\",\"Host\":\"127.0.0.1\","
                        + "\"Port\":" + sqlPort + "},"
                        + "\"Web\":{\"Port\":0,\"AnonymousRead\":" + anonymousRead + (webKeys.isEmpty() ? "" : "," + webKeys) + "}"
                        + cfBlocks + "}}",
                TestMesh.entry("S1", "Simulated", 60, 3, "\"Sensor\":{\"Proxy\":[{\"Codifier\":\"S2\"}]}"),
                "{\"Codifier\":\"S2\",\"ShortName\":\"S2 proxy\",\"Type\":\"Proxy\",\"Sensor\":{\"Codifier\":\"S1\"}}",
                TestMesh.entry("Q5", "controlSensor", 60, 60, "\"Control\":\"enabled\",\"Sensor\":{\"Default\":20}"),
                TestMesh.entry("RT", "Router", 60, 60, "")) + (moreEntries.isEmpty() ? "" : "," + moreEntries));
        app = WebApp.start(NodeOptions.of(Codifier.of("CF"), config.toString()), null);
    }

    /** Starts a node of the test mesh, closed with the rig. */
    public Node node(String code, NodeCallbacks callbacks) {
        Node node = Node.start(NodeOptions.of(Codifier.of(code), config.toString()), callbacks);
        running.add(node);
        return node;
    }

    public String base() {
        return "http://127.0.0.1:" + app.port();
    }

    /** A browser-like client with its own cookie jar. */
    public Client client() {
        return new Client();
    }

    @Override
    public void close() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        app.close();
        database.close();
    }

    public final class Client {
        private final HttpClient http;
        private final String base;
        private String csrf;

        private Client() {
            this(HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5)).build(), WebTestRig.this.base(), null);
        }

        private Client(HttpClient http, String base, String csrf) {
            this.http = http;
            this.base = base;
            this.csrf = csrf;
        }

        /** The same browser (cookies and CSRF token) talking to another dashboard, e.g. a second one on the database. */
        public Client at(String otherBase) {
            return new Client(http, otherBase, csrf);
        }

        public HttpResponse<String> login(String email, String password) {
            HttpResponse<String> response = post("/api/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
            if (response.statusCode() == 200) {
                csrf = json(response).get("csrf").asText();
            }
            return response;
        }

        public Client as(Role role) {
            HttpResponse<String> response = login(role + "@example.org", PASSWORD);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("login failed: " + response.body());
            }
            return this;
        }

        public String csrf() {
            return csrf;
        }

        public HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
        }

        /** A POST as the dashboard's own pages make it: JSON, same origin, with the CSRF token once signed in. */
        public HttpResponse<String> post(String path, String json) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json").header("Origin", base)
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (csrf != null) {
                request.header("X-CSRF-Token", csrf);
            }
            return send(request.build());
        }

        public HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public HttpClient http() {
            return http;
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
