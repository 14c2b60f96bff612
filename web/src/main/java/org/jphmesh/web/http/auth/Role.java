package org.jphmesh.web.http.auth;

import io.javalin.security.RouteRole;
import java.util.Locale;

/** What a dashboard user may do; each role includes the ones before it. */
public enum Role implements RouteRole {
    /** Read everything: tiles, history, nodes, events, metrics. */
    viewer,
    /** Also send commands: ping, halt, start, reload, set, step. */
    operator,
    /** Also manage users. */
    admin;

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    public static Role parse(String text) {
        try {
            return valueOf(text.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("role must be viewer, operator or admin, not '" + text + "'");
        }
    }
}
