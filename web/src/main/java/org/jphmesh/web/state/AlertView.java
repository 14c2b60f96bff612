package org.jphmesh.web.state;

import org.jphmesh.app.alerts.AlertStatus;

/**
 * One alert rule as the Alerts page and the API show it: the rule from the config, whether its alerts node takes
 * commands for it, the rule codifier's liveness like any sensor's, and the state it last sent ({@code alert}, null
 * until a reading that is a rule's state was heard).
 */
public record AlertView(String code, String name, String severity, String node, boolean controlEnabled,
                        SensorStatus status, Long readingAt, AlertStatus alert) {

    public boolean firing() {
        return alert != null && alert.state() == AlertStatus.State.FIRING;
    }
}
