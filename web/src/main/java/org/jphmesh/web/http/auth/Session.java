package org.jphmesh.web.http.auth;

/**
 * A signed-in browser: who, with which role, and the token every state-changing request must echo in
 * {@code X-CSRF-Token}. {@code anonymous} marks the read-only pseudo-session of {@code AnonymousRead}.
 */
public record Session(String id, String user, Role role, String csrf, long createdAt, long lastSeenAt, boolean anonymous) {

    Session touched(long now) {
        return new Session(id, user, role, csrf, createdAt, now, anonymous);
    }
}
