package org.jphmesh.bus.node;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.sequence.SequenceGap;

/**
 * What a program on the mesh does: the three callbacks of the legacy JPH library, plus reload and a tap.
 *
 * <p>{@link #onTimer}, {@link #onControl}, {@link #onData} and {@link #onReload} run one at a time on the
 * node's callback thread, never on the I/O thread, so a slow or failing callback cannot stop the node
 * answering pings. A callback that throws is logged and counted; the node stays up.
 */
public interface NodeCallbacks {

    /** Every {@code SensorInterval} while the node is active, the first time at start. */
    default void onTimer(Node node) {
    }

    /**
     * A command ({@code P S H C A E}) or pong addressed to this node or {@code @@} (or, for {@code A}/{@code E},
     * to one of its proxies), after the node has acted on it. {@code A}/{@code E} arrive only with
     * {@code "Control":"enabled"}. Other nodes' {@code I} and {@code N} frames are seen through {@link #onFrame}.
     */
    default void onControl(Node node, Frame frame) {
    }

    /** A data frame from another node, while this node is active. */
    default void onData(Node node, Frame frame) {
    }

    /** After a {@code C} frame reloaded the configuration. */
    default void onReload(Node node, SensorConfig entry) {
    }

    /**
     * Every well-formed frame from another node, on the I/O thread, before the node acts on it: for
     * monitors and collectors. Must return at once.
     */
    default void onFrame(Node node, Frame frame, InetSocketAddress sender) {
    }

    /**
     * As {@link #onFrame(Node, Frame, InetSocketAddress)}, with the frame's bytes as they came off the wire (no
     * router trailer, no signature): for a collector that journals what it heard without encoding it again.
     * {@code wire} is readable only during the call; copy what you keep and never release it.
     */
    default void onFrame(Node node, Frame frame, ByteBuf wire, InetSocketAddress sender) {
        onFrame(node, frame, sender);
    }

    /**
     * The end of one read batch on a bus (after up to 64 {@link #onFrame} calls), on the I/O thread: where
     * a tap that buffers what it saw flushes it. Must return at once.
     */
    default void onReadComplete(Node node, BusChannel channel) {
    }

    /**
     * Another node's stream skipped numbers: called on the I/O thread right after the {@link #onFrame} of the
     * frame that revealed the gap. Loss repair (a collector) asks the sender for them here. Must return at once.
     */
    default void onGap(Node node, SequenceGap gap) {
    }

    /**
     * Another instance of this node's codifier runs on the mesh (see {@link DuplicateInstance}), and this node keeps
     * running: a program that never gives way (a collector, a dashboard) reports the conflict here. Called once per
     * other host, on the callback thread; {@link Node#duplicateInstance()} tells whether it goes on.
     */
    default void onDuplicateInstance(Node node, DuplicateInstance other) {
    }
}
