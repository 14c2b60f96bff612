package org.jphmesh.web.state;

import org.jphmesh.bus.frame.Frame;

/** Something the events view lists: control traffic, a sequence gap, malformed datagrams, collector state. */
public record MeshEvent(long at, Kind kind, String text, String from, String to, String flag) {

    public enum Kind { control, gap, malformed, collector }

    /** A command heard on the control bus, worded for people: {@code CC halted G1}, {@code CC pinged every node}. */
    static MeshEvent command(long at, Frame frame) {
        String from = frame.from().value();
        String to = frame.to().isBroadcast() ? "every node" : frame.to().value();
        String text = switch (frame.flag()) {
            case PING -> from + " pinged " + to;
            case START -> from + " started " + to;
            case HALT -> from + " halted " + to;
            case RELOAD -> from + " asked " + to + " to reload its configuration";
            case SET -> from + " set " + to + " to " + number(frame.control().timeComponent());
            case STEP -> from + " stepped " + to + " by " + number(frame.control().timeComponent());
            default -> from + " sent " + frame.flag().letter() + " to " + to;
        };
        return new MeshEvent(at, Kind.control, text, frame.from().value(), frame.to().value(), String.valueOf(frame.flag().letter()));
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
