package org.jphmesh.web.command;

/** A command that was not sent, with the HTTP status that says why (400 bad, 403 not allowed, 404 unknown). */
public final class CommandRefusedException extends RuntimeException {

    /** How much of a refused input a message repeats. */
    public static final int ECHO_CHARS = 100;

    private final int status;

    public CommandRefusedException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * {@code input} as a refusal may echo it: cut to {@value #ECHO_CHARS} characters. Refusals of MQTT commands
     * go to every subscriber of {@code bridge/error}, so a megabyte payload must not come back a megabyte long.
     */
    public static String echo(String input) {
        if (input == null || input.length() <= ECHO_CHARS) {
            return input;
        }
        // Never split a surrogate pair: half a character is not valid UTF-8 on the way out.
        int end = Character.isHighSurrogate(input.charAt(ECHO_CHARS - 1)) ? ECHO_CHARS - 1 : ECHO_CHARS;
        return input.substring(0, end) + "... (" + input.length() + " characters)";
    }
}
