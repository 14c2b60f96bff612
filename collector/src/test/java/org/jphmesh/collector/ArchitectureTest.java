package org.jphmesh.collector;

import org.jphmesh.bus.testing.ApplicationArchitecture;

/** The package rules for collector: no cycle among its packages, no other application used. */
class ArchitectureTest extends ApplicationArchitecture {

    ArchitectureTest() {
        super("org.jphmesh.collector");
    }
}
