package org.jphmesh.app.accounts;

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

    /**
     * What is wrong with {@code password} for the account {@code email}, in words a user can act on; empty when it is
     * acceptable. Reads the characters where they are, never copying them into a {@code String} a caller cannot wipe.
     */
    public static Optional<String> problem(String email, CharSequence password) {
        if (Character.codePointCount(password, 0, password.length()) < MIN_CHARACTERS) {
            return Optional.of("password must have at least " + MIN_CHARACTERS + " characters");
        }
        if (utf8Bytes(password) > MAX_BYTES) {
            return Optional.of("password must be at most " + MAX_BYTES + " bytes (UTF-8)");
        }
        if (email != null && sameIgnoringCaseAndEdges(email, password)) {
            return Optional.of("password must not be the account's email");
        }
        return Optional.empty();
    }

    private static int utf8Bytes(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = Character.codePointAt(text, i);
            bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            i += Character.charCount(codePoint);
        }
        return bytes;
    }

    private static boolean sameIgnoringCaseAndEdges(String email, CharSequence password) {
        String expected = email.strip().toLowerCase(Locale.ROOT);
        int from = 0;
        int to = password.length();
        while (from < to && Character.isWhitespace(password.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(password.charAt(to - 1))) {
            to--;
        }
        if (to - from != expected.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (Character.toLowerCase(password.charAt(i)) != expected.charAt(i - from)) {
                return false;
            }
        }
        return true;
    }
}
