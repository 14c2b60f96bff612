package org.jphmesh.bus.node;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.log.RateLimitedLog;
import org.jphmesh.bus.sequence.SequenceOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node does with each frame it hears, on the I/O thread: account for it, show it to the tap,
 * hand readings to the data callback, and act on commands addressed to the node.
 */
final class InboundDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);

    private final Node node;
    private final NodeCallbacks callbacks;
    private final CallbackRunner runner;
    private final boolean wantsData;
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 10_000);

    InboundDispatcher(Node node, NodeCallbacks callbacks, CallbackRunner runner) {
        this.node = node;
        this.callbacks = callbacks;
        this.runner = runner;
        this.wantsData = overrides(callbacks, "onData");
    }

    void onFrame(BusChannel channel, Frame frame, ByteBuf wire, InetSocketAddress sender) {
        Codifier self = node.codifier();
        if (frame.from().equals(self) || node.proxies().contains(frame.from())) {
            if (frame.from().equals(self) && !node.sentHere(frame)) {
                node.heardOwnCodifier(frame, sender);
            }
            return;
        }
        SequenceOutcome outcome = node.accounting().observe(frame, node.clockMillis());
        try {
            callbacks.onFrame(node, frame, wire, sender);
        } catch (RuntimeException e) {
            node.counters().callbackFailed("frame");
            rateLimited.warn("frame", "{} - onFrame callback failed: {}", self, e.toString());
        }
        if (outcome == SequenceOutcome.GAP) {
            try {
                callbacks.onGap(node, node.accounting().gapBefore(frame));
            } catch (RuntimeException e) {
                node.counters().callbackFailed("gap");
                rateLimited.warn("gap", "{} - onGap callback failed: {}", self, e.toString());
            }
        }
        if (channel == BusChannel.DATA) {
            if (node.isActive() && wantsData) {
                runner.submit("data", () -> callbacks.onData(node, frame));
            }
            return;
        }
        onControl(frame);
    }

    private void onControl(Frame frame) {
        boolean forMe = frame.to().addresses(node.codifier());
        Flag flag = frame.flag();
        if (flag == Flag.RESEND) {
            // Only the exact codifier: a broadcast R would make every node resend at once.
            if (frame.to().equals(node.codifier()) || node.proxies().contains(frame.to())) {
                node.answerResend(frame);
            }
            return;
        }
        if (flag == Flag.SET || flag == Flag.STEP) {
            if (!forMe && !node.proxies().contains(frame.to())) {
                return;
            }
            if (!controlEnabledFor(frame.to())) {
                node.counters().dropped("command-refused");
                LOG.debug("{} - ignored {} from {}: \"Control\" is not enabled for {}", node.codifier(), flag,
                        frame.from(), frame.to());
                return;
            }
        } else if (!forMe) {
            return;
        } else {
            switch (flag) {
                case PING -> node.answerPing(frame);
                case PONG -> node.pings().onPong(frame);
                case HALT -> node.setActive(false, frame.from());
                case START -> node.setActive(true, frame.from());
                case RELOAD -> runner.schedule(node::reload);
                default -> {
                    // ALIVE and NEW_SEQUENCE only feed the sequence accounting; callbacks see them through onFrame.
                    return;
                }
            }
        }
        runner.submit("control", () -> callbacks.onControl(node, frame));
    }

    private boolean controlEnabledFor(Codifier target) {
        if (target.isBroadcast() || target.equals(node.codifier())) {
            return node.entry().controlEnabled();
        }
        // A proxy listed in the node's Sensor.Proxy with no entry of its own (an alert rule) follows its parent.
        return node.config().sensor(target).map(SensorConfig::controlEnabled).orElse(node.entry().controlEnabled());
    }

    private static boolean overrides(NodeCallbacks callbacks, String method) {
        try {
            return callbacks.getClass().getMethod(method, Node.class, Frame.class).getDeclaringClass()
                    != NodeCallbacks.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }
}
