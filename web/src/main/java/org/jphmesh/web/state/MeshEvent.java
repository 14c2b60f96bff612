package org.jphmesh.web.state;

/** Something the events view lists: control traffic, a sequence gap, malformed datagrams, collector state. */
public record MeshEvent(long at, Kind kind, String text, String from, String to, String flag) {

    public enum Kind { control, gap, malformed, collector }
}
