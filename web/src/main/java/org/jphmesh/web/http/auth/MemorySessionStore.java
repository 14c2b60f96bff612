package org.jphmesh.web.http.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions in memory, for a dashboard without a database (which has no users to sign in but tests and tools):
 * a restart signs everyone out. Sessions end after {@code idle} without a request or {@code absolute} in all; the
 * store holds at most {@code capacity}, dropping the least recently used.
 */
public final class MemorySessionStore implements SessionStore {

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final int capacity;

    public MemorySessionStore(Clock clock, Duration idle, Duration absolute, int capacity) {
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
        this.capacity = capacity;
    }

    @Override
    public Session create(String user, Role role) {
        long now = clock.millis();
        if (sessions.size() >= capacity) {
            sessions.values().stream().min(Comparator.comparingLong(Session::lastSeenAt))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
        Session session = new Session(SessionStore.token(), user, role, SessionStore.token(), now, now, false);
        sessions.put(session.id(), session);
        return session;
    }

    @Override
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        // Atomic per id: a sign-out or removal that lands meanwhile is never undone by writing the session back.
        Session touched = sessions.computeIfPresent(id, (key, session) -> expired(session, now) ? null : session.touched(now));
        return Optional.ofNullable(touched);
    }

    private boolean expired(Session session, long now) {
        return now - session.lastSeenAt() > idle.toMillis() || now - session.createdAt() > absolute.toMillis();
    }

    @Override
    public void remove(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    @Override
    public void removeUser(String user) {
        sessions.values().removeIf(session -> session.user().equals(user));
    }
}
