package org.stoa.engine.text;

/** A span of a text in code points, {@code start} inclusive, {@code end} exclusive. */
public interface Span {

    int start();

    int end();

    /** The exact text of the span, as the sender wrote it; {@code text} is the text it was found in. */
    default String quote(String text) {
        int from = text.offsetByCodePoints(0, start());
        return text.substring(from, text.offsetByCodePoints(from, end() - start()));
    }
}
