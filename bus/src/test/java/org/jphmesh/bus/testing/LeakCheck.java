package org.jphmesh.bus.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaks a buffer ({@code @ExtendWith(LeakCheck.class)}): after the test it collects the
 * garbage and has {@link RecordingLeakDetector} look for buffers collected without {@code release()}. Only
 * tracked buffers can be seen, so a test feeds {@link #pooled(byte[])} buffers, never
 * {@code Unpooled.wrappedBuffer}, which no detector tracks; the level is {@code PARANOID}, so every buffer is.
 * A leak found before the test began (an earlier test of the same JVM) fails it too, with that message.
 */
public final class LeakCheck implements BeforeEachCallback, AfterEachCallback {

    private static final PooledByteBufAllocator POOL = PooledByteBufAllocator.DEFAULT;
    private static final int GC_ROUNDS = 3;
    private static final int GC_ATTEMPTS = 100;

    @Override
    public void beforeEach(ExtensionContext context) {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        // Loads the buffer classes, and with them the detector, before asking whether it is ours.
        POOL.directBuffer(1).release();
        if (!RecordingLeakDetector.trackingBuffers()) {
            throw new IllegalStateException("buffers are not watched by " + RecordingLeakDetector.class.getName()
                    + ": run with -Dio.netty.customResourceLeakDetector=" + RecordingLeakDetector.class.getName()
                    + " (surefire and failsafe set it in the parent pom)");
        }
        List<String> earlier = leaks();
        if (!earlier.isEmpty()) {
            throw new AssertionError(earlier.size() + " buffer(s) leaked before " + context.getDisplayName()
                    + " began, by an earlier test in this JVM:\n" + String.join("\n", earlier));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertNoLeaks(context.getDisplayName());
    }

    /** Fails, naming {@code test} and where each buffer was allocated and touched, if any buffer leaked. */
    public static void assertNoLeaks(String test) {
        List<String> found = leaks();
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " buffer(s) leaked by " + test + ":\n" + String.join("\n", found));
        }
    }

    /** {@code bytes} in a pooled direct buffer, as a socket hands them over, tracked by the leak detector. */
    public static ByteBuf pooled(byte[] bytes) {
        return POOL.directBuffer(bytes.length).writeBytes(bytes);
    }

    /**
     * Collects the garbage and returns the leaks found since the last call. The detector checks for collected,
     * unreleased buffers each time it tracks a new one, so each round ends by allocating one.
     */
    public static List<String> leaks() {
        for (int round = 0; round < GC_ROUNDS; round++) {
            collectGarbage();
            POOL.directBuffer(1).release();
        }
        return RecordingLeakDetector.drain();
    }

    // Waits until a collection has cleared a fresh weak reference and the reference handler has enqueued it.
    private static void collectGarbage() {
        ReferenceQueue<Object> cleared = new ReferenceQueue<>();
        WeakReference<Object> sentinel = new WeakReference<>(new Object(), cleared);
        try {
            for (int attempt = 0; attempt < GC_ATTEMPTS; attempt++) {
                System.gc();
                if (cleared.remove(100) != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a garbage collection", e);
        } finally {
            Reference.reachabilityFence(sentinel);
        }
        throw new IllegalStateException("System.gc() collected nothing in " + GC_ATTEMPTS
                + " attempts (-XX:+DisableExplicitGC?): leaks cannot be checked");
    }
}
