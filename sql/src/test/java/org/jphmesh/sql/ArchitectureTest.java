package org.jphmesh.sql;

import org.jphmesh.bus.testing.ApplicationArchitecture;

/** The package rules for sql, the jph-sql tool: no cycle among its packages, no other application used. */
class ArchitectureTest extends ApplicationArchitecture {

    ArchitectureTest() {
        super("org.jphmesh.sql");
    }
}
