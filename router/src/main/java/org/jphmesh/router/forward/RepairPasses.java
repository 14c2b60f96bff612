package org.jphmesh.router.forward;

import java.util.ArrayDeque;
import java.util.Deque;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.ResendRange;

/**
 * The resend requests ({@code R}) this router passed on lately. A node answers one by sending the same
 * frames again, identity and all, and the duplicate window would take them for copies; the frames a
 * request asked for are let through once more for a few seconds, along the same tree.
 */
final class RepairPasses {

    private static final long LIFETIME_NANOS = 5_000_000_000L;
    private static final int MAX_PASSES = 256;

    private record Pass(Codifier codifier, ResendRange range, long until) {
    }

    private final Deque<Pass> passes = new ArrayDeque<>();

    /** Remembers {@code frame} when it is a resend request. */
    void note(Frame frame, long now) {
        if (frame.flag() != Flag.RESEND) {
            return;
        }
        try {
            ResendRange range = ResendRange.fromTimeComponent(frame.control().timeComponent());
            if (passes.size() == MAX_PASSES) {
                passes.removeFirst();
            }
            passes.addLast(new Pass(frame.to(), range, now + LIFETIME_NANOS));
        } catch (IllegalArgumentException e) {
            // Not a range: the node will ignore the request too, so there is nothing to let through.
        }
    }

    /** True when {@code frame} is a data frame that a recent request asked for. */
    boolean covers(Frame frame, long now) {
        while (!passes.isEmpty() && passes.peekFirst().until() - now < 0) {
            passes.removeFirst();
        }
        if (passes.isEmpty() || frame.channel() != BusChannel.DATA) {
            return false;
        }
        for (Pass pass : passes) {
            if (pass.codifier().equals(frame.from()) && pass.range().contains(frame.sequence())) {
                return true;
            }
        }
        return false;
    }
}
