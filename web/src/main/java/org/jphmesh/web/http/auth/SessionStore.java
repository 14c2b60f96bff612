package org.jphmesh.web.http.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Signed-in browsers by session id (the cookie, 256 random bits). With a database the sessions live in it
 * ({@link PostgresSessionStore}): a restart keeps everyone signed in and dashboards on one database share sign-ins,
 * sign-outs and removals; without one, in memory.
 */
public interface SessionStore {

    Session create(String user, Role role);

    /** The live session of {@code id}, touched; empty when unknown, signed out or expired. */
    Optional<Session> find(String id);

    void remove(String id);

    /** Ends every session of a user, e.g. when an admin changes their role or removes them. */
    void removeUser(String user);

    /** A new random id or CSRF token: 256 bits, URL-safe. */
    static String token() {
        byte[] bytes = new byte[32];
        Holder.RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** One generator for every token, created on first use. */
    final class Holder {
        private static final SecureRandom RANDOM = new SecureRandom();

        private Holder() {
        }
    }
}
