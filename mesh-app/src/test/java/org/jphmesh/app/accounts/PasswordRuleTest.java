package org.jphmesh.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordRuleTest {

    @Test
    void nine_characters_are_too_few_and_ten_are_enough() {
        assertThat(PasswordRule.problem("a@b.c", "123456789")).contains("password must have at least 10 characters");
        assertThat(PasswordRule.problem("a@b.c", "1234567890")).isEmpty();
    }

    @Test
    void characters_are_counted_not_bytes_or_utf16_units() {
        assertThat(PasswordRule.problem("a@b.c", "😀😀😀😀😀😀😀😀😀")).isPresent();
        assertThat(PasswordRule.problem("a@b.c", "ééééééééééé")).isEmpty();
    }

    @Test
    void the_accounts_own_email_is_refused_whatever_its_case() {
        assertThat(PasswordRule.problem("Demo@JPH.local", "demo@jph.local")).contains("password must not be the account's email");
    }

    @Test
    void more_than_72_bytes_is_refused_because_bcrypt_would_cut_it() {
        assertThat(PasswordRule.problem("a@b.c", "x".repeat(72))).isEmpty();
        assertThat(PasswordRule.problem("a@b.c", "x".repeat(73))).contains("password must be at most 72 bytes (UTF-8)");
    }
}
