package org.stoa.engine.text;

/**
 * One occurrence of a listed term in a text.
 *
 * @param term the term as written in its list (not as it appeared in the text)
 * @param start the offset of the first code point of the occurrence in the original text
 * @param end the offset just after its last code point (exclusive), past any accents or
 *     invisible characters attached to it
 */
public record TermMatch(String term, int start, int end) {

    public TermMatch {
        if (start < 0 || end <= start) throw new IllegalArgumentException("bad span " + start + ".." + end);
    }

    /** The exact text that matched, as the sender wrote it. */
    public String quote(String text) {
        return text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end));
    }
}
