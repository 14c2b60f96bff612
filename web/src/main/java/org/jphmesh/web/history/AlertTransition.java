package org.jphmesh.web.history;

import org.jphmesh.app.alerts.AlertStatus;

/** A rule's state as it was first stored after a change (of state, acknowledgement or silence), at {@code at}. */
public record AlertTransition(long at, AlertStatus alert) {
}
