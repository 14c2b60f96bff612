package org.jphmesh.web.http.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The dashboard users that {@code jph-sql user} manages, in {@code app_user}: bcrypt hashes, never passwords.
 * An unknown account is checked against a dummy hash, so the answer takes as long as for a known one and
 * does not tell which accounts exist.
 */
public final class UserStore {

    private static final int COST = 12;
    private static final byte[] DUMMY_HASH = BCrypt.withDefaults().hash(COST, "no such user".toCharArray());

    private final DataSource database;

    public UserStore(DataSource database) {
        this.database = database;
    }

    public record User(String email, Role role, long createdAt) {
    }

    public Optional<Role> verify(String email, String password) throws SQLException {
        String hash = null;
        String role = null;
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT password_hash, role FROM app_user WHERE email = ?")) {
            statement.setString(1, email);
            try (ResultSet row = statement.executeQuery()) {
                if (row.next()) {
                    hash = row.getString(1);
                    role = row.getString(2);
                }
            }
        }
        byte[] stored = hash == null ? DUMMY_HASH : hash.getBytes(StandardCharsets.UTF_8);
        boolean matches = BCrypt.verifyer().verify(password.toCharArray(), stored).verified;
        return matches && hash != null ? Optional.of(Role.parse(role)) : Optional.empty();
    }

    public List<User> list() throws SQLException {
        List<User> users = new ArrayList<>();
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT email, role, created_at FROM app_user ORDER BY email");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                users.add(new User(rows.getString(1), Role.parse(rows.getString(2)), rows.getTimestamp(3).getTime()));
            }
        }
        return users;
    }

    /** Creates a user or changes one's password and role. */
    public void save(String email, String password, Role role) throws SQLException {
        String hash = BCrypt.withDefaults().hashToString(COST, password.toCharArray());
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "INSERT INTO app_user (email, password_hash, role) VALUES (?, ?, ?)"
                             + " ON CONFLICT (email) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role")) {
            statement.setString(1, email);
            statement.setString(2, hash);
            statement.setString(3, role.name());
            statement.executeUpdate();
        }
    }

    public boolean delete(String email) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement("DELETE FROM app_user WHERE email = ?")) {
            statement.setString(1, email);
            return statement.executeUpdate() > 0;
        }
    }
}
