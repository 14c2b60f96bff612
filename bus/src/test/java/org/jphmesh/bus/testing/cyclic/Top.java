package org.jphmesh.bus.testing.cyclic;

import org.jphmesh.bus.testing.cyclic.inner.Inner;

/** One half of a deliberate cycle between a package and its subpackage, for {@code ModuleArchitectureTest}. */
public final class Top {

    public Inner inner() {
        return new Inner();
    }
}
