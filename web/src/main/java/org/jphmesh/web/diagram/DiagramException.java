package org.jphmesh.web.diagram;

/** A diagram file that is not what docs/web.md describes; the message names the file and the key. */
public final class DiagramException extends RuntimeException {

    public DiagramException(String message) {
        super(message, null, false, false);
    }
}
