package org.jphmesh.web;

import org.jphmesh.bus.testing.ApplicationArchitecture;

/** The package rules for web, the dashboard: no cycle among its packages, no other application used. */
class ArchitectureTest extends ApplicationArchitecture {

    ArchitectureTest() {
        super("org.jphmesh.web");
    }
}
