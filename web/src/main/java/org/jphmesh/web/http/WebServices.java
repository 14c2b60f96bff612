package org.jphmesh.web.http;

import org.jphmesh.bus.node.Node;
import org.jphmesh.web.command.AlertCommands;
import org.jphmesh.web.command.CommandService;
import org.jphmesh.web.graphs.SavedGraphStore;
import org.jphmesh.web.health.HealthReport;
import org.jphmesh.web.history.AlertHistory;
import org.jphmesh.web.history.HistoryStore;
import org.jphmesh.web.http.auth.LoginLimiter;
import org.jphmesh.web.http.auth.SessionStore;
import org.jphmesh.web.http.auth.UserStore;
import org.jphmesh.web.live.LiveHub;
import org.jphmesh.web.state.MeshView;

/**
 * What the HTTP layer works with. {@code history}, {@code alertHistory}, {@code graphs} and {@code users} are null when the entry names no
 * database; {@code health} reports the parts the server does not own (PostgreSQL, Redis, MQTT).
 */
public record WebServices(WebSettings settings, Node node, MeshView view, CommandService commands,
                          AlertCommands alertCommands, HistoryStore history, AlertHistory alertHistory,
                          SavedGraphStore graphs,
                          UserStore users, SessionStore sessions, LoginLimiter logins, LiveHub live, WebMetrics metrics,
                          HealthReport health) {
}
