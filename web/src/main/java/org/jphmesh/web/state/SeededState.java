package org.jphmesh.web.state;

/**
 * What the collector's Redis hash of a codifier says, to show before the bus does: its last reading (a number, or
 * the text of one that is not) and its node's last alive frame. Any member may be null: the hash did not have it.
 */
public record SeededState(Double value, String text, Long readingAt, Long aliveAt, Boolean active) {
}
