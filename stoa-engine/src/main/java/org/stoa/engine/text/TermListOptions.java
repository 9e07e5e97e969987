package org.stoa.engine.text;

import java.util.List;
import java.util.Set;

/**
 * How a term list matches.
 *
 * @param evasions the evasion families tolerated ({@link Evasion#DEFAULTS}: all but pinyin)
 * @param wholeWords terms in scripts written with spaces match only whole words: {@code cialis}
 *     is not found in {@code specialist}. CJK terms always match inside runs of text.
 * @param allowed exceptions: a match lying inside an occurrence of one of these phrases (found
 *     with the same tolerance) is dropped, e.g. {@code kill time} for a list holding {@code kill}
 */
public record TermListOptions(Set<Evasion> evasions, boolean wholeWords, List<String> allowed) {

    public static final TermListOptions DEFAULTS = new TermListOptions(Evasion.DEFAULTS, true, List.of());

    public TermListOptions {
        evasions = Set.copyOf(evasions);
        allowed = List.copyOf(allowed);
    }

    public TermListOptions withEvasions(Set<Evasion> evasions) {
        return new TermListOptions(evasions, wholeWords, allowed);
    }

    public TermListOptions withWholeWords(boolean wholeWords) {
        return new TermListOptions(evasions, wholeWords, allowed);
    }

    public TermListOptions withAllowed(List<String> allowed) {
        return new TermListOptions(evasions, wholeWords, allowed);
    }
}
