package org.jphmesh.bus.testing.cyclic.inner;

import org.jphmesh.bus.testing.cyclic.Top;

/** The other half of the deliberate cycle: a subpackage that uses its parent package. */
public final class Inner {

    public Top top() {
        return new Top();
    }
}
