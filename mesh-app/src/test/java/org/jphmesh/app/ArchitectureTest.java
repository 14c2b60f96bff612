package org.jphmesh.app;

import org.jphmesh.bus.testing.ApplicationArchitecture;

/** The package rules for mesh-app, the shared application module: no cycle among its packages, no other application used. */
class ArchitectureTest extends ApplicationArchitecture {

    ArchitectureTest() {
        super("org.jphmesh.app");
    }
}
