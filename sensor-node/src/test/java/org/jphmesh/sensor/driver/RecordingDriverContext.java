package org.jphmesh.sensor.driver;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.testing.TestClock;

/** A driver context for tests: remembers every published reading and holds the latest values. */
public final class RecordingDriverContext implements DriverContext {

    public final List<Reading> published = new CopyOnWriteArrayList<>();
    /** Every control frame a driver sent, as {@code "A FK 100.0"}. */
    public final List<String> commands = new CopyOnWriteArrayList<>();
    /** The drivers' clock: the test moves it. */
    public final TestClock clock = new TestClock(1_700_000_000_000L);
    private final LatestValues latest;
    private final Codifier codifier;

    public RecordingDriverContext(String codifier) {
        this(codifier, new LatestValues());
    }

    public RecordingDriverContext(String codifier, LatestValues latest) {
        this.codifier = Codifier.of(codifier);
        this.latest = latest;
    }

    @Override
    public boolean publish(Reading reading) {
        return published.add(reading);
    }

    @Override
    public boolean command(Flag flag, Codifier to, double value) {
        return commands.add(flag.letter() + " " + to + " " + value);
    }

    @Override
    public LatestValues latest() {
        return latest;
    }

    @Override
    public Codifier codifier() {
        return codifier;
    }

    @Override
    public Clock clock() {
        return clock;
    }
}
