package org.jphmesh.control;

/** Exit codes shared by every subcommand, as ping(8) uses them. */
final class ExitCodes {

    /** Success (for ping: at least one reply). */
    static final int OK = 0;
    /** The command ran but got no answer. */
    static final int NO_REPLY = 1;
    /** Bad arguments or an unusable config. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
