package org.jphmesh.web.http.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions in memory, keyed by a 256-bit random id (the cookie). A restart signs everyone out, which for a
 * dashboard is the safe default. Sessions end after {@code idle} without a request or {@code absolute} in all;
 * the store holds at most {@code capacity}, dropping the least recently used.
 */
public final class SessionStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final int capacity;

    public SessionStore(Clock clock, Duration idle, Duration absolute, int capacity) {
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
        this.capacity = capacity;
    }

    public Session create(String user, Role role) {
        long now = clock.millis();
        if (sessions.size() >= capacity) {
            sessions.values().stream().min(Comparator.comparingLong(Session::lastSeenAt))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
        Session session = new Session(token(), user, role, token(), now, now, false);
        sessions.put(session.id(), session);
        return session;
    }

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

    public void remove(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session of a user, e.g. when an admin changes their role. */
    public void removeUser(String user) {
        sessions.values().removeIf(session -> session.user().equals(user));
    }

    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
