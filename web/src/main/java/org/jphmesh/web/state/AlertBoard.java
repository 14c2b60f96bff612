package org.jphmesh.web.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jphmesh.app.alerts.AlertRules;
import org.jphmesh.app.alerts.AlertStatus;
import org.jphmesh.app.alerts.AlertUrgency;

/**
 * The alert rules of the config joined with what the rule codifiers last sent, read from the sensor views when
 * asked (a rule is a sensor whose {@code j} reading is its state, docs/rules.md), so it keeps nothing of its own.
 */
final class AlertBoard {

    private final MeshProjection projection;
    private final Supplier<ConfiguredMesh> mesh;

    AlertBoard(MeshProjection projection, Supplier<ConfiguredMesh> mesh) {
        this.projection = projection;
        this.mesh = mesh;
    }

    /** Every rule, firing first, then pending, then ok, then never heard (AlertUrgency). */
    List<AlertView> alerts() {
        AlertRules rules = mesh.get().rules();
        List<AlertView> out = new ArrayList<>();
        for (AlertRules.Rule rule : rules.all()) {
            SensorView sensor = projection.view(rule.code());
            AlertStatus status = sensor.text() == null ? null : AlertStatus.parse(sensor.text()).orElse(null);
            out.add(new AlertView(rule.code().value(), rule.name(), rule.severity(), rule.node().value(),
                    rules.acceptsCommands(rule.code()), sensor.status(), sensor.readingAt(), status));
        }
        out.sort(AlertUrgency.comparing(AlertView::alert, AlertView::severity, AlertView::code));
        return out;
    }

    /** How many rules said last that they fire: the number on every page's Alerts badge. */
    int firing() {
        return (int) alerts().stream().filter(AlertView::firing).count();
    }
}
