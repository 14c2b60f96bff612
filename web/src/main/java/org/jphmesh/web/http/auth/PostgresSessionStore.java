package org.jphmesh.web.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.jphmesh.web.http.error.ApiException;

/**
 * Sessions in {@code web_session}, so a dashboard restart keeps everyone signed in and every dashboard on the database
 * shares sign-ins, sign-outs and user removals. Only the SHA-256 of a session id is stored. The last-seen time is
 * written at most once a minute per session, so browsing costs reads, not writes; sessions end after {@code idle}
 * without a request or {@code absolute} in all, and each user keeps at most {@link #PER_USER} (the oldest go).
 * While the database is away, requests that need a session answer 503: nobody can be checked, or signed in.
 */
public final class PostgresSessionStore implements SessionStore {

    /** Enough browsers for one person; a script that signs in in a loop does not grow the table without end. */
    static final int PER_USER = 50;
    private static final long TOUCH_MILLIS = Duration.ofMinutes(1).toMillis();

    private final DataSource database;
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;

    public PostgresSessionStore(DataSource database, Clock clock, Duration idle, Duration absolute) {
        this.database = database;
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
    }

    @Override
    public Session create(String user, Role role) {
        long now = clock.millis();
        Session session = new Session(SessionStore.token(), user, role, SessionStore.token(), now, now, false);
        try (Connection connection = database.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO web_session"
                    + " (id_hash, email, role, csrf, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setBytes(1, hash(session.id()));
                insert.setString(2, user);
                insert.setString(3, role.name());
                insert.setString(4, session.csrf());
                insert.setTimestamp(5, new Timestamp(now));
                insert.setTimestamp(6, new Timestamp(now));
                insert.executeUpdate();
            }
            try (PreparedStatement prune = connection.prepareStatement("DELETE FROM web_session WHERE last_seen_at < ?"
                    + " OR created_at < ? OR id_hash IN (SELECT id_hash FROM web_session WHERE email = ?"
                    + " ORDER BY created_at DESC OFFSET " + PER_USER + ")")) {
                prune.setTimestamp(1, new Timestamp(now - idle.toMillis()));
                prune.setTimestamp(2, new Timestamp(now - absolute.toMillis()));
                prune.setString(3, user);
                prune.executeUpdate();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return session;
    }

    @Override
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        long now = clock.millis();
        byte[] key = hash(id);
        try (Connection connection = database.getConnection()) {
            Session session;
            try (PreparedStatement select = connection.prepareStatement("SELECT email, role, csrf, created_at, last_seen_at"
                    + " FROM web_session WHERE id_hash = ?")) {
                select.setBytes(1, key);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    session = new Session(id, row.getString(1), Role.valueOf(row.getString(2)), row.getString(3),
                            row.getTimestamp(4).getTime(), row.getTimestamp(5).getTime(), false);
                }
            }
            if (now - session.lastSeenAt() > idle.toMillis() || now - session.createdAt() > absolute.toMillis()) {
                delete(connection, "id_hash = ?", key);
                return Optional.empty();
            }
            if (now - session.lastSeenAt() >= TOUCH_MILLIS) {
                try (PreparedStatement touch = connection.prepareStatement(
                        "UPDATE web_session SET last_seen_at = ? WHERE id_hash = ?")) {
                    touch.setTimestamp(1, new Timestamp(now));
                    touch.setBytes(2, key);
                    touch.executeUpdate();
                }
                session = session.touched(now);
            }
            return Optional.of(session);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void remove(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return;
        }
        try (Connection connection = database.getConnection()) {
            delete(connection, "id_hash = ?", hash(id));
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void removeUser(String user) {
        try (Connection connection = database.getConnection()) {
            delete(connection, "email = ?", user);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static void delete(Connection connection, String where, Object key) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM web_session WHERE " + where)) {
            delete.setObject(1, key);
            delete.executeUpdate();
        }
    }

    private static ApiException unavailable(SQLException e) {
        return new ApiException(503, "sign-ins cannot be checked: the database is not available right now ("
                + e.getMessage() + ")");
    }

    private static byte[] hash(String id) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
