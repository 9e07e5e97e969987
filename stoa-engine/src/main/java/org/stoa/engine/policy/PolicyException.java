package org.stoa.engine.policy;

/** A policy file that cannot be used; the message names the line and what to fix. */
public final class PolicyException extends Exception {

    private final int line;

    public PolicyException(int line, String message) {
        super((line > 0 ? "line " + line + ": " : "") + message);
        this.line = line;
    }

    /** 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
