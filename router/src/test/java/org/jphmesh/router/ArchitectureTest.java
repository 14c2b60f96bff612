package org.jphmesh.router;

import org.jphmesh.bus.testing.ApplicationArchitecture;

/** The package rules for router: no cycle among its packages, no other application used. */
class ArchitectureTest extends ApplicationArchitecture {

    ArchitectureTest() {
        super("org.jphmesh.router");
    }
}
