package org.jphmesh.app.accounts;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for dashboard passwords, applied alike by {@code jph-sql user} and the dashboard's API: at
 * least {@value #MIN_CHARACTERS} characters, not the account's own email, and at most {@value #MAX_BYTES}
 * bytes of UTF-8, because bcrypt reads no further and a longer password would be cut without a word.
 */
public final class PasswordRule {

    public static final int MIN_CHARACTERS = 10;
    public static final int MAX_BYTES = 72;

    private PasswordRule() {
    }

    /** What is wrong with {@code password} for the account {@code email}, in words a user can act on; empty when it is acceptable. */
    public static Optional<String> problem(String email, CharSequence password) {
        String text = password.toString();
        if (text.codePointCount(0, text.length()) < MIN_CHARACTERS) {
            return Optional.of("password must have at least " + MIN_CHARACTERS + " characters");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("password must be at most " + MAX_BYTES + " bytes (UTF-8)");
        }
        if (email != null && text.strip().toLowerCase(Locale.ROOT).equals(email.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("password must not be the account's email");
        }
        return Optional.empty();
    }
}
