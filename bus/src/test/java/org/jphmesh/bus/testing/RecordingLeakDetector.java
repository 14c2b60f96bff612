package org.jphmesh.bus.testing;

import io.netty.buffer.ByteBuf;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Netty's leak detector, remembering each leak it finds as well as logging it, so that {@link LeakCheck} can fail
 * the test: the stock detector only logs. Surefire and failsafe install it for the whole test JVM
 * ({@code io.netty.customResourceLeakDetector} in the parent pom), since a detector is chosen once, when the first
 * buffer class loads.
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

    private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();
    private static volatile boolean trackingBuffers;

    /** The constructor Netty's factory calls for each resource type. */
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
        if (ByteBuf.class.isAssignableFrom(resourceType)) {
            trackingBuffers = true;
        }
    }

    /** The constructor Netty's factory looks for first (and logs an error without); the bound is not used. */
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    /** True once Netty chose this detector for its buffers. */
    static boolean trackingBuffers() {
        return trackingBuffers;
    }

    /** The leaks found since the last call. */
    static List<String> drain() {
        List<String> found = new ArrayList<>();
        for (String leak = LEAKS.poll(); leak != null; leak = LEAKS.poll()) {
            found.add(leak);
        }
        return found;
    }

    // Report whatever the log level: a test must see the leak even where ERROR logging is off.
    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add(resourceType + " was garbage-collected without release()" + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add(resourceType + " was garbage-collected without release() (no access records)");
        super.reportUntracedLeak(resourceType);
    }
}
