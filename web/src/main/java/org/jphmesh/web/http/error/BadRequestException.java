package org.jphmesh.web.http.error;

/** A request parameter that is wrong; answered 400 with the message, which says what was wrong. */
public final class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message, null, false, false);
    }
}
