package org.stoa.engine.text;

/**
 * One occurrence of a listed term in a text.
 *
 * @param term the term as written in its list (not as it appeared in the text)
 * @param start the offset of the occurrence's first code point in the original text
 * @param end the offset just after its last code point (exclusive), past any accents or
 *     invisible characters attached to it
 */
public record TermMatch(String term, int start, int end) implements Span {

    public TermMatch {
        if (start < 0 || end <= start) throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
}
