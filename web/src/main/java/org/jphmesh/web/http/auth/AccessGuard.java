package org.jphmesh.web.http.auth;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jphmesh.web.http.error.ApiException;

/**
 * Runs before every request, pages and assets included: finds the session, sends the security headers,
 * and refuses what the caller may not do. Without a session only {@code /health} and the sign-in page (with
 * its assets) are served, unless {@code AnonymousRead} gives everyone a read-only viewer session. Every
 * state change is a POST that must come from this origin and carry the session's CSRF token; a sign-in must
 * be JSON, which a cross-site form cannot send.
 */
public final class AccessGuard {

    public static final String COOKIE = "JPHSESSION";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String SESSION_ATTRIBUTE = "jph.session";
    private static final Set<String> PUBLIC = Set.of("/health", "/login.html", "/login.js", "/app.css", "/favicon.svg",
            "/api/login", "/api/session");
    /** Pages also reached by a short path, e.g. {@code /alerts}; the server redirects each to its page. */
    public static final Map<String, String> SHORT_PAGES = Map.of("/alerts", "/alerts.html",
            "/diagram", "/diagram.html");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final SessionStore sessions;
    private final AccessPolicy policy;

    public AccessGuard(SessionStore sessions, AccessPolicy policy) {
        this.sessions = sessions;
        this.policy = policy;
    }

    public void before(Context ctx) {
        requireKnownHost(ctx);
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-cache");
        Optional<Session> session = sessions.find(ctx.cookie(COOKIE));
        if (session.isEmpty() && policy.anonymousRead()) {
            session = Optional.of(new Session("", "anonymous", Role.viewer, "", 0, 0, true));
        }
        session.ifPresent(s -> ctx.attribute(SESSION_ATTRIBUTE, s));
        String path = ctx.path();
        if (!SAFE.contains(ctx.method())) {
            requireSameOrigin(ctx);
            if (!path.equals("/api/login")) {
                Session s = session.orElseThrow(() -> new ApiException(401, "sign in first"));
                String token = ctx.header(CSRF_HEADER);
                if (s.anonymous() || token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                        s.csrf().getBytes(StandardCharsets.UTF_8))) {
                    throw new ApiException(403, "missing or wrong " + CSRF_HEADER + " header; reload the page");
                }
            }
        }
        if (session.isPresent() || PUBLIC.contains(path)) {
            return;
        }
        if (isPage(path)) {
            String wanted = ctx.queryString() == null ? path : path + "?" + ctx.queryString();
            ctx.redirect("/login.html?next=" + URLEncoder.encode(wanted, StandardCharsets.UTF_8));
            ctx.skipRemainingHandlers();
            return;
        }
        throw new ApiException(401, "sign in first");
    }

    /** For WebSocket upgrades, which are GETs a foreign page could open with the user's cookie. */
    public void beforeUpgrade(Context ctx) {
        requireKnownHost(ctx);
        requireSameOrigin(ctx);
        if (session(ctx).isEmpty()) {
            Optional<Session> session = sessions.find(ctx.cookie(COOKIE));
            if (session.isEmpty() && !policy.anonymousRead()) {
                throw new ApiException(401, "sign in first");
            }
        }
    }

    public static Optional<Session> session(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SESSION_ATTRIBUTE));
    }

    /** The caller's session, which must have at least {@code role}. */
    public static Session require(Context ctx, Role role) {
        Session session = session(ctx).orElseThrow(() -> new ApiException(401, "sign in first"));
        if (!session.role().includes(role)) {
            throw new ApiException(403, "this needs the " + role + " role; you are " + session.role());
        }
        return session;
    }

    /** Sets the session cookie: HttpOnly, SameSite=Strict, and Secure when the browser reached us over TLS. */
    /** A browser-session cookie (no Max-Age): the server decides when a session ends, idle or absolute. */
    public void setCookie(Context ctx, String value) {
        ctx.res().addHeader("Set-Cookie", COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + secure(ctx));
    }

    public void clearCookie(Context ctx) {
        ctx.res().addHeader("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + secure(ctx));
    }

    private String secure(Context ctx) {
        boolean secure = policy.secureCookies() || "https".equalsIgnoreCase(ctx.scheme())
                || policy.trustProxy() && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return secure ? "; Secure" : "";
    }

    /** Who is asking: the TCP peer, or behind a trusted proxy the address the proxy last appended. */
    public String clientAddress(Context ctx) {
        String forwarded = policy.trustProxy() ? ctx.header("X-Forwarded-For") : null;
        if (forwarded != null && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            return hops[hops.length - 1].trim();
        }
        return ctx.ip();
    }

    // A browser always sends Origin on cross-origin POSTs and WebSocket upgrades; a mismatch is another site.
    private void requireSameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        String host = policy.trustProxy() && ctx.header("X-Forwarded-Host") != null
                ? ctx.header("X-Forwarded-Host") : ctx.header("Host");
        try {
            URI uri = new URI(origin);
            String originHost = uri.getHost() == null ? null : uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            if (originHost == null || !originHost.equalsIgnoreCase(host)) {
                throw new ApiException(403, "cross-site request refused (Origin " + origin + ")");
            }
        } catch (URISyntaxException e) {
            throw new ApiException(403, "cross-site request refused (bad Origin)");
        }
    }

    // DNS rebinding: a foreign page whose name now resolves to 127.0.0.1 sends its own name as Host (and
    // Origin), so the origin check alone passes. A dashboard bound to loopback answers only loopback names.
    private void requireKnownHost(Context ctx) {
        if (!LOOPBACK.contains(policy.bind()) || policy.trustProxy()) {
            return;
        }
        String host = ctx.header("Host");
        String name = host == null ? "" : host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        if (!LOOPBACK.contains(name.toLowerCase(Locale.ROOT))) {
            throw new ApiException(403, "this dashboard answers only to loopback names, not Host " + host);
        }
    }

    private static boolean isPage(String path) {
        return path.equals("/") || path.endsWith(".html") || SHORT_PAGES.containsKey(path);
    }
}
