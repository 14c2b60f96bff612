package org.jphmesh.control;

import org.jphmesh.bus.testing.ApplicationArchitecture;

/** The package rules for control, the jph-control tool: no cycle among its packages, no other application used. */
class ArchitectureTest extends ApplicationArchitecture {

    ArchitectureTest() {
        super("org.jphmesh.control");
    }
}
