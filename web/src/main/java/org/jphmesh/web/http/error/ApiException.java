package org.jphmesh.web.http.error;

/** An API answer other than success, with its status; mapped to {@code {"error": message}} in one place. */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
