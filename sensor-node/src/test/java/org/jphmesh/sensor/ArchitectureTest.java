package org.jphmesh.sensor;

import org.jphmesh.bus.testing.ApplicationArchitecture;

/** The package rules for sensor-node: no cycle among its packages, no other application used. */
class ArchitectureTest extends ApplicationArchitecture {

    ArchitectureTest() {
        super("org.jphmesh.sensor");
    }
}
