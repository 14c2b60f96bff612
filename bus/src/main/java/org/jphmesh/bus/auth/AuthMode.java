package org.jphmesh.bus.auth;

/**
 * How a node treats frame signatures. Legacy nodes cannot verify and ignore nothing they do not know, so a
 * mesh with legacy nodes runs {@link #off} or {@link #sign} (signed frames go only where every receiver is ours).
 */
public enum AuthMode {
    /** Sends unsigned; accepts everything (a signature trailer, if present, is removed unread). */
    off,
    /** Sends signed; accepts unsigned frames (legacy nodes) but drops signed ones that fail verification or replay. */
    sign,
    /** Sends signed; drops every frame that is unsigned, wrongly signed, stale or replayed. */
    require
}
