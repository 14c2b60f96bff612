package org.jphmesh.web.state;

import org.jphmesh.bus.frame.Frame;

/** Something the events view lists: control traffic, a sequence gap, malformed datagrams, collector state. */
public record MeshEvent(long at, Kind kind, String text, String from, String to, String flag) {

    public enum Kind { control, gap, malformed, collector }

    /** A command heard on the control bus, worded for people: {@code CC → G1: halt}. */
    static MeshEvent command(long at, Frame frame) {
        String who = frame.from() + " \u2192 " + frame.to();
        String text = switch (frame.flag()) {
            case PING -> who + ": ping";
            case START -> who + ": start";
            case HALT -> who + ": halt";
            case RELOAD -> who + ": reload configuration";
            case SET -> who + ": set to " + frame.control().timeComponent();
            case STEP -> who + ": step by " + frame.control().timeComponent();
            default -> who + ": " + frame.flag().letter();
        };
        return new MeshEvent(at, Kind.control, text, frame.from().value(), frame.to().value(), String.valueOf(frame.flag().letter()));
    }
}
