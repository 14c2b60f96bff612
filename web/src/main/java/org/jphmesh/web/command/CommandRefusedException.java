package org.jphmesh.web.command;

/** A command that was not sent, with the HTTP status that says why (400 bad, 403 not allowed, 404 unknown). */
public final class CommandRefusedException extends RuntimeException {

    private final int status;

    public CommandRefusedException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
