package org.jphmesh.web.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.validation.ValidationException;
import java.sql.SQLException;
import java.util.Map;
import org.jphmesh.web.command.CommandRefusedException;
import org.jphmesh.web.diagram.DiagramFolder;
import org.jphmesh.web.http.auth.AccessGuard;
import org.jphmesh.web.http.auth.Role;
import org.jphmesh.web.http.error.ApiException;
import org.jphmesh.web.http.error.BadRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's HTTP server: the static assets, the JSON API, {@code /live}, {@code /metrics} and
 * {@code /health}. Every error leaves as {@code {"error": "..."}} from the one mapping here.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private static final String ERROR_SENT = "jph.error-sent";

    private final Javalin app;

    private WebServer(Javalin app) {
        this.app = app;
    }

    public static WebServer start(WebServices services) {
        AccessGuard guard = new AccessGuard(services.sessions(), services.settings().accessPolicy());
        SensorRoutes sensors = new SensorRoutes(services);
        NodeRoutes nodes = new NodeRoutes(services);
        AlertRoutes alerts = new AlertRoutes(services);
        DiagramRoutes diagrams = new DiagramRoutes(new DiagramFolder(services.settings().diagrams()));
        GraphRoutes graphs = new GraphRoutes(services);
        AuthRoutes auth = new AuthRoutes(services, guard);
        Javalin app = Javalin.create(config -> {
            config.jetty.host = services.settings().bind();
            config.jetty.port = services.settings().port();
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                if (services.settings().staticDir() != null) {
                    files.directory = services.settings().staticDir().toString();
                    files.location = Location.EXTERNAL;
                } else {
                    files.directory = "/jph-static";
                    files.location = Location.CLASSPATH;
                }
            });
            config.routes.before(guard::before);
            config.routes.wsBeforeUpgrade("/live", guard::beforeUpgrade);
            config.routes.get("/health", ctx -> Health.answer(ctx, services));
            config.routes.get("/metrics", ctx -> {
                AccessGuard.require(ctx, Role.viewer);
                ctx.contentType(services.metrics().contentType()).result(services.metrics().scrape());
            });
            auth.register(config.routes);
            sensors.register(config.routes);
            nodes.register(config.routes);
            alerts.register(config.routes);
            diagrams.register(config.routes);
            graphs.register(config.routes);
            AccessGuard.SHORT_PAGES.forEach((path, page) -> config.routes.get(path, ctx -> ctx.redirect(page)));
            config.routes.ws("/live", services.live()::configure);
            config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            config.routes.exception(BadRequestException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            config.routes.exception(CommandRefusedException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            config.routes.exception(ValidationException.class, (e, ctx) -> error(ctx, 400, "bad parameter: " + e.getErrors()));
            config.routes.exception(SQLException.class, (e, ctx) -> {
                LOG.warn("database unavailable for {}: {}", ctx.path(), e.getMessage());
                error(ctx, 503, "the database is not available right now");
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
            });
            config.routes.error(404, ctx -> {
                if (ctx.attribute(ERROR_SENT) == null) {
                    error(ctx, 404, "nothing at " + ctx.path());
                }
            });
        });
        app.start();
        LOG.info("dashboard on http://{}:{}/", services.settings().bind(), app.port());
        return new WebServer(app);
    }

    static void error(Context ctx, int status, String message) {
        ctx.attribute(ERROR_SENT, Boolean.TRUE);
        ctx.status(status).json(Map.of("error", message));
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
