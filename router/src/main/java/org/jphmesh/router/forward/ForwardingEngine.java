package org.jphmesh.router.forward;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.jphmesh.bus.auth.AuthMode;
import org.jphmesh.bus.auth.AuthVerdict;
import org.jphmesh.bus.auth.FrameAuthenticator;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.codec.MalformedFrameException;
import org.jphmesh.bus.codec.RouteTrailer;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.router.link.Link;
import org.jphmesh.router.link.LinkCounters.Count;
import org.jphmesh.router.topology.ForwardingPlan;

/**
 * The router's forwarding path, run for each datagram on its single I/O thread:
 * <ol>
 *   <li>an echo of what this router sent, or a frame already heard on the same link, is dropped before
 *       any decoding;</li>
 *   <li>the frame is checked as a node would (malformed ones are counted and dropped) and, on a signed mesh,
 *       its signature;</li>
 *   <li>it goes out on each link its segment's forwarding tree names, unless that link already has it, its
 *       filter refuses it, its rate limit is used up, or the frame has crossed the hop limit.</li>
 * </ol>
 * Frames keep their bytes and signature; a route trailer records the segment they entered on and their hops.
 * A legacy segment gets the bare frame, and frames from it are signed on their way into a signed mesh.
 */
public final class ForwardingEngine {

    private static final int SENT_SHIFT = 16;
    private static final String LEGACY_FLAGS = "INPTSHCAEfinsj";

    private final List<Link> links;
    private final int hopLimit;
    private final FrameAuthenticator auth;
    private final DuplicateWindow window;
    private final RepairPasses repairs = new RepairPasses();
    private volatile ForwardingPlan plan;

    public ForwardingEngine(List<Link> links, ForwardingPlan plan, int hopLimit, long windowNanos, FrameAuthenticator auth) {
        this.links = List.copyOf(links);
        this.plan = plan;
        this.hopLimit = hopLimit;
        this.auth = auth;
        this.window = new DuplicateWindow(windowNanos, System.nanoTime());
    }

    /** A new plan after a reload of config.json (routers joined or left); links themselves need a restart. */
    public void replacePlan(ForwardingPlan replacement) {
        this.plan = replacement;
    }

    /**
     * Handles one datagram that arrived on {@code in}; {@code bus} is the socket's bus, or {@code null} on a
     * unicast link, which carries both (the flag says which). The caller keeps ownership of {@code datagram}.
     */
    public void onDatagram(Link in, BusChannel bus, ByteBuf datagram) {
        in.counters().add(Count.received);
        int start = datagram.readerIndex();
        if (datagram.readableBytes() < FrameCodec.HEADER_BYTES) {
            in.counters().add(Count.malformed);
            return;
        }
        long identity = DuplicateWindow.identity(datagram.getUnsignedIntLE(start), datagram.getLongLE(start + 8),
                datagram.getByte(start + 16), datagram.getShort(start + 17));
        long now = System.nanoTime();
        int seen = window.get(identity, now);
        if ((seen & in.bit() << SENT_SHIFT) != 0) {
            in.counters().add(Count.echoes);
            return;
        }
        RouteTrailer route = RouteTrailer.read(datagram);
        ByteBuf body = route == null ? datagram : datagram.slice(start, datagram.readableBytes() - RouteTrailer.BYTES);
        ByteBuf frameBytes = body.slice(body.readerIndex(), FrameAuthenticator.frameLength(body));
        Frame frame;
        try {
            frame = FrameCodec.decode(frameBytes);
        } catch (MalformedFrameException e) {
            in.counters().add(Count.malformed);
            return;
        }
        if (bus != null && frame.channel() != bus) {
            in.counters().add(Count.malformed);
            return;
        }
        boolean repair = repairs.covers(frame, now);
        if ((seen & in.bit()) != 0 && !repair) {
            in.counters().add(Count.duplicates);
            return;
        }
        boolean signed = FrameAuthenticator.hasTrailer(body);
        if (!in.legacy() && !authentic(in, body, signed)) {
            return;
        }
        seen |= in.bit();
        int hops = route == null ? 0 : route.hops();
        if (hops >= hopLimit) {
            in.counters().add(Count.hop_limited);
            window.put(identity, seen);
            return;
        }
        repairs.note(frame, now);
        int origin = route == null ? in.segmentId() : route.origin();
        ForwardingPlan current = plan;
        for (Link out : links) {
            if (out == in || !current.forwards(origin, in.index(), out.index())) {
                continue;
            }
            if ((seen & (out.bit() | out.bit() << SENT_SHIFT)) != 0 && !repair) {
                out.counters().add(Count.duplicate_suppressed);
                continue;
            }
            if (!out.filter().allows(frame.flag(), frame.from())
                    || out.legacy() && LEGACY_FLAGS.indexOf(frame.flag().letter()) < 0) {
                out.counters().add(Count.filtered);
                continue;
            }
            if (!out.admit()) {
                out.counters().add(Count.rate_limited);
                continue;
            }
            out.outlet().write(frame.channel(), copyFor(out, in, body, frameBytes, signed, origin, hops + 1));
            out.counters().add(Count.forwarded);
            seen |= out.bit() << SENT_SHIFT;
        }
        window.put(identity, seen);
    }

    /** Sends what {@link #onDatagram} queued on every link. */
    public void flush() {
        for (Link link : links) {
            link.outlet().flush();
        }
    }

    /** Frames remembered by the duplicate window. */
    public int remembered() {
        return window.size();
    }

    private boolean authentic(Link in, ByteBuf body, boolean signed) {
        if (auth == null || auth.mode() == AuthMode.off) {
            return true;
        }
        if (!signed) {
            if (auth.mode() == AuthMode.require) {
                in.counters().add(Count.refused);
                return false;
            }
            return true;
        }
        if (auth.verifySignature(body) != AuthVerdict.VALID) {
            in.counters().add(Count.refused);
            return false;
        }
        return true;
    }

    private ByteBuf copyFor(Link out, Link in, ByteBuf body, ByteBuf frameBytes, boolean signed, int origin, int hops) {
        if (out.legacy()) {
            ByteBuf bare = out.outlet().alloc().directBuffer(frameBytes.readableBytes());
            return bare.writeBytes(frameBytes, frameBytes.readerIndex(), frameBytes.readableBytes());
        }
        boolean gateway = !signed && in.legacy() && auth != null && auth.signs();
        ByteBuf copy = out.outlet().alloc().directBuffer(body.readableBytes() + FrameAuthenticator.TRAILER_BYTES
                + RouteTrailer.BYTES);
        if (gateway) {
            copy.writeBytes(frameBytes, frameBytes.readerIndex(), frameBytes.readableBytes());
            auth.sign(copy);
        } else {
            copy.writeBytes(body, body.readerIndex(), body.readableBytes());
        }
        new RouteTrailer(origin, Math.min(hops, 255)).write(copy);
        return copy;
    }
}
