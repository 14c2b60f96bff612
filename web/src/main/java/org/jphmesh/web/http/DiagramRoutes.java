package org.jphmesh.web.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jphmesh.web.diagram.Diagram;
import org.jphmesh.web.diagram.DiagramException;
import org.jphmesh.web.diagram.DiagramFolder;
import org.jphmesh.web.diagram.DiagramReader;
import org.jphmesh.web.http.auth.AccessGuard;
import org.jphmesh.web.http.auth.Role;
import org.jphmesh.web.http.error.ApiException;
import org.jphmesh.web.http.error.BadRequestException;

/** {@code /api/diagrams}: the plant diagrams of {@code Sensor.Web.Diagrams}, each one's items, and its image. */
final class DiagramRoutes {

    /**
     * An SVG is a document that may carry script. The page shows it as an {@code <img>}, where no script runs; this
     * policy covers the image opened on its own, so a script in it never runs in the dashboard's origin.
     */
    static final String SVG_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'none';"
            + " frame-ancestors 'none'; sandbox";

    private final DiagramFolder folder;

    DiagramRoutes(DiagramFolder folder) {
        this.folder = folder;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/diagrams", this::list);
        routes.get("/api/diagrams/{name}", this::one);
        routes.get("/api/diagrams/{name}/image", this::image);
    }

    private void list(Context ctx) {
        AccessGuard.require(ctx, Role.viewer);
        DiagramFolder.Listing listing = folder.list();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("configured", folder.configured());
        answer.put("diagrams", listing.diagrams().stream().map(d -> new Listed(d.name(), d.title())).toList());
        answer.put("problems", listing.problems());
        ctx.json(answer);
    }

    private void one(Context ctx) {
        AccessGuard.require(ctx, Role.viewer);
        ctx.json(diagram(ctx));
    }

    private void image(Context ctx) throws IOException {
        AccessGuard.require(ctx, Role.viewer);
        Diagram diagram = diagram(ctx);
        Path file = folder.image(diagram).orElseThrow(() -> new ApiException(404, "the image " + diagram.image()
                + " of diagram " + diagram.name() + " is not a file in the diagrams folder"));
        if (DiagramReader.isSvg(diagram.image())) {
            ctx.header("Content-Security-Policy", SVG_POLICY);
            ctx.contentType("image/svg+xml");
        } else {
            ctx.contentType("image/png");
        }
        ctx.result(Files.readAllBytes(file));
    }

    /** A diagram as the list shows it. */
    record Listed(String name, String title) {
    }

    private Diagram diagram(Context ctx) {
        String name = ctx.pathParam("name");
        if (!DiagramReader.NAME.matcher(name).matches()) {
            throw new BadRequestException("name must be a diagram's name (letters, digits, - and _, at most 64), not '"
                    + name + "'");
        }
        if (!folder.configured()) {
            throw new ApiException(404, "this dashboard has no diagrams (Sensor.Web.Diagrams names no folder)");
        }
        try {
            return folder.find(name).orElseThrow(() -> new ApiException(404, "no diagram " + name
                    + " (no " + name + ".json in the diagrams folder)"));
        } catch (DiagramException e) {
            // The operator's file is wrong, not the request: said as the list says it, naming the file and the key.
            throw new ApiException(500, e.getMessage());
        }
    }
}
