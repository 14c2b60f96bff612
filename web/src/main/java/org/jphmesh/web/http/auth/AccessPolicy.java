package org.jphmesh.web.http.auth;

/**
 * What {@link AccessGuard} takes from the HTTP settings: the address the server is bound to (a loopback bind answers
 * only loopback names), whether everyone may read without signing in, and what to believe of the request.
 */
public record AccessPolicy(String bind, boolean anonymousRead, boolean secureCookies, boolean trustProxy) {
}
