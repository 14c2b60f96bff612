package org.jphmesh.web.diagram;

/** A diagram file the dashboard could not use, and why, naming the key: shown on the Diagrams page and logged. */
public record DiagramProblem(String file, String error) {
}
