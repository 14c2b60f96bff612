package org.jphmesh.bus.testing;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (root, a server's binaries): present, or the test skips printing why, or,
 * where every test must run ({@code JPH_REQUIRE_ALL_TESTS}, which {@code .ci/run} sets), fails saying why, so a
 * skip never passes for a success.
 */
public final class Prerequisite {

    private Prerequisite() {
    }

    /** Returns when {@code missing} is empty; otherwise fails or skips {@code test} with its reason. */
    public static void requireOrSkip(String test, Optional<String> missing) {
        if (missing.isEmpty()) {
            return;
        }
        if (System.getenv("JPH_REQUIRE_ALL_TESTS") != null) {
            throw new AssertionError(test + " cannot run here, and JPH_REQUIRE_ALL_TESTS says every test must: " + missing.get());
        }
        System.out.println(test + " skipped: " + missing.get());
        Assumptions.abort(missing.get());
    }
}
