package org.jphmesh.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jphmesh.app.accounts.PasswordRule;
import org.jphmesh.web.http.auth.AccessGuard;
import org.jphmesh.web.http.auth.LoginLimiter;
import org.jphmesh.web.http.auth.Role;
import org.jphmesh.web.http.auth.Session;
import org.jphmesh.web.http.auth.UserStore;
import org.jphmesh.web.http.error.ApiException;
import org.jphmesh.web.http.error.BadRequestException;

/** Sign-in, sign-out, the session's token, and (for admins) the users. */
final class AuthRoutes {

    private final WebServices services;
    private final AccessGuard guard;
    private final AtomicLong loginFailures = new AtomicLong();

    AuthRoutes(WebServices services, AccessGuard guard) {
        this.services = services;
        this.guard = guard;
        services.metrics().counter("jph_web_login_failures", "Failed dashboard sign-ins", loginFailures::get);
    }

    void register(RoutesConfig routes) {
        routes.post("/api/login", this::login);
        routes.post("/api/logout", this::logout);
        routes.get("/api/session", this::session);
        routes.get("/api/users", this::users);
        routes.post("/api/users", this::saveUser);
        routes.post("/api/users/{email}/delete", this::deleteUser);
    }

    private void login(Context ctx) throws SQLException {
        JsonNode body = JsonBodies.object(ctx);
        String email = JsonBodies.text(body, "email");
        String password = JsonBodies.text(body, "password");
        // Refused before the limiter: a key it would have to keep for a name no account can have.
        checkEmailLength(email);
        checkPasswordLength(password);
        String address = guard.clientAddress(ctx);
        long wait = services.logins().attempt(address, email);
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            throw new ApiException(429, "too many failed sign-ins; try again in " + wait + " s");
        }
        if (services.users() == null) {
            throw new ApiException(503, "this dashboard has no user database (Sensor.SQL); enable AnonymousRead or add one");
        }
        Optional<Role> role = services.users().verify(email, password);
        if (role.isEmpty()) {
            loginFailures.incrementAndGet();
            throw new ApiException(401, "wrong email or password");
        }
        services.logins().succeeded(address, email);
        // A fresh id at every sign-in: a session id planted before it is worth nothing after.
        services.sessions().remove(ctx.cookie(AccessGuard.COOKIE));
        Session session = services.sessions().create(email, role.get());
        guard.setCookie(ctx, session.id());
        ctx.json(describe(session));
    }

    private void logout(Context ctx) {
        services.sessions().remove(ctx.cookie(AccessGuard.COOKIE));
        guard.clearCookie(ctx);
        ctx.status(204);
    }

    private void session(Context ctx) {
        Session session = AccessGuard.session(ctx).orElseThrow(() -> new ApiException(401, "sign in first"));
        ctx.json(describe(session));
    }

    private static Map<String, Object> describe(Session session) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("user", session.user());
        answer.put("role", session.role());
        answer.put("csrf", session.anonymous() ? null : session.csrf());
        answer.put("anonymous", session.anonymous());
        return answer;
    }

    private void users(Context ctx) throws SQLException {
        AccessGuard.require(ctx, Role.admin);
        ctx.json(Map.of("users", userStore().list()));
    }

    private void saveUser(Context ctx) throws SQLException {
        AccessGuard.require(ctx, Role.admin);
        JsonNode body = JsonBodies.object(ctx);
        String email = JsonBodies.text(body, "email");
        String password = JsonBodies.text(body, "password");
        checkEmailLength(email);
        if (!email.contains("@")) {
            throw new BadRequestException("email must be an address like ann@example.org, not '" + email + "'");
        }
        // The one rule jph-sql user applies too.
        PasswordRule.problem(email, password).ifPresent(problem -> {
            throw new BadRequestException(problem);
        });
        Role role;
        try {
            role = Role.parse(JsonBodies.text(body, "role"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        userStore().save(email, password, role);
        services.sessions().removeUser(email);
        ctx.status(201).json(Map.of("email", email, "role", role));
    }

    private void deleteUser(Context ctx) throws SQLException {
        Session self = AccessGuard.require(ctx, Role.admin);
        String email = ctx.pathParam("email");
        if (email.equals(self.user())) {
            throw new BadRequestException("you cannot delete your own account while signed in with it");
        }
        if (!userStore().delete(email)) {
            throw new ApiException(404, "no user " + email);
        }
        services.sessions().removeUser(email);
        ctx.status(204);
    }

    // bcrypt reads at most 72 bytes; the library refuses more rather than silently ignoring the rest.
    private static void checkPasswordLength(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > PasswordRule.MAX_BYTES) {
            throw new BadRequestException("password must be at most " + PasswordRule.MAX_BYTES + " bytes (UTF-8)");
        }
    }

    private static void checkEmailLength(String email) {
        if (email.length() > LoginLimiter.MAX_ACCOUNT_CHARS) {
            throw new BadRequestException("email must be at most " + LoginLimiter.MAX_ACCOUNT_CHARS + " characters");
        }
    }

    private UserStore userStore() {
        if (services.users() == null) {
            throw new ApiException(503, "this dashboard has no user database (Sensor.SQL)");
        }
        return services.users();
    }
}
