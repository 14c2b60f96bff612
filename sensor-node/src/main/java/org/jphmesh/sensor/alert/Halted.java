package org.jphmesh.sensor.alert;

import java.util.Set;
import org.jphmesh.bus.frame.Codifier;

/** {@code "Halted": "FK"}: holds while FK's node last said it is halted ({@code isActive = 0} in its {@code I}, {@code T} or {@code N}). */
final class Halted implements Condition {

    private final Codifier watched;

    Halted(Codifier watched) {
        this.watched = watched;
    }

    @Override
    public Observation observe(MeshWatch watch, long engagedSince, long nowMillis) {
        Codifier node = watch.heard().nodeOf(watched);
        long state = watch.heard().activeState(watched);
        if (state == HeardFrames.UNKNOWN) {
            return Observation.unheard("nothing heard from " + node + " on the control bus");
        }
        return state == HeardFrames.HALTED ? Observation.holds(1, node + " is halted")
                : Observation.clear(0, node + " is running");
    }

    @Override
    public Set<Codifier> triggers() {
        return Set.of(watched);
    }

    @Override
    public boolean timed() {
        return false;
    }
}
