package org.stoa.engine.text;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Text as a search index sees it: folded (compatibility forms, case, accents, invisible characters,
 * Traditional Chinese to Simplified, with the term matcher's {@link FoldTable}) and cut into
 * {@link Term}s. Scripts written with spaces give one term a word; scripts written without them
 * (Han, kana, Thai...) give a term per character and one per pair of neighbouring characters,
 * overlapping, so that a query of two characters finds them inside a sentence without spaces and a
 * query of one character finds it anywhere. The same code cuts documents and queries, so their terms
 * agree on every database. Pure and thread-safe.
 */
public final class SearchText {

    /** Longer words are cut to this many code points, in documents and queries alike. */
    public static final int MAX_WORD_CODE_POINTS = 32;

    private static final FoldTable TABLE = FoldTable.of(EnumSet.of(Evasion.COMPATIBILITY, Evasion.CASE,
            Evasion.MARKS, Evasion.INVISIBLES, Evasion.TRADITIONAL_CHINESE));

    private SearchText() {}

    /** What a term is made of, which decides how a query term matches. */
    public enum Kind {
        /** A word of a spaced script, folded. */
        WORD,
        /** Two neighbouring characters of an unspaced script. */
        PAIR,
        /** One character of an unspaced script. */
        SINGLE
    }

    /**
     * A term of the text and where it came from: {@code start} and {@code end} are UTF-16 indices
     * of the original text (as Java and JavaScript strings count), end exclusive.
     */
    public record Term(String text, Kind kind, int start, int end) {}

    /** Every term of {@code text} in order, repeats included. */
    public static List<Term> terms(String text) {
        List<Term> terms = new ArrayList<>();
        new Cutter(text, terms).cut();
        return terms;
    }

    /**
     * The distinct terms of a query, in order. A character of an unspaced script is left out where
     * its run has pairs: every document the pairs match has it, so it would only cost a look-up.
     */
    public static List<Term> query(String text) {
        List<Term> all = terms(text);
        List<Term> query = new ArrayList<>(all.size());
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < all.size(); i++) {
            Term term = all.get(i);
            boolean inPairs = term.kind() == Kind.SINGLE
                    && ((i > 0 && all.get(i - 1).kind() == Kind.PAIR && all.get(i - 1).end() == term.end())
                        || (i + 1 < all.size() && all.get(i + 1).kind() == Kind.PAIR && all.get(i + 1).start() == term.start()));
            if (!inPairs && seen.add(term.text())) query.add(term);
        }
        return query;
    }

    /** The distinct folded terms of {@code text}, in order of first appearance: what an index stores. */
    public static Set<String> indexTerms(String text) {
        Set<String> distinct = new LinkedHashSet<>();
        for (Term term : terms(text)) distinct.add(term.text());
        return distinct;
    }

    /**
     * Whether a document term answers a query term: equal, or with {@code prefixes}, any document
     * term the query term begins (what a directory searched as one types wants).
     */
    public static boolean matches(Term query, String documentTerm, boolean prefixes) {
        return prefixes ? documentTerm.startsWith(query.text()) : documentTerm.equals(query.text());
    }

    /**
     * The parts of {@code text} a query's terms match, merged where they touch or overlap, in UTF-16
     * indices of {@code text}: what a result highlights.
     */
    public static List<Highlight> highlights(String text, List<Term> query, boolean prefixes) {
        List<Highlight> merged = new ArrayList<>();
        if (query.isEmpty()) return merged;
        for (Term term : terms(text)) {
            if (query.stream().noneMatch(q -> q.kind() == term.kind() && matches(q, term.text(), prefixes))) continue;
            Highlight last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && term.start() <= last.end()) {
                merged.set(merged.size() - 1, new Highlight(last.start(), Math.max(last.end(), term.end())));
            } else {
                merged.add(new Highlight(term.start(), term.end()));
            }
        }
        return merged;
    }

    /** A highlighted part of a text, UTF-16 indices, end exclusive. */
    public record Highlight(int start, int end) {}

    /** One pass over the text: words and runs of unspaced letters, each letter folded once. */
    private static final class Cutter {
        private final String text;
        private final List<Term> out;
        private final StringBuilder word = new StringBuilder();
        private int wordStart = -1;
        private int wordEnd;
        private int wordCodePoints;
        // The previous unspaced letter, folded, and where it starts, while a run goes on.
        private int runPrevious = -1;
        private int runPreviousStart;

        Cutter(String text, List<Term> out) {
            this.text = text;
            this.out = out;
        }

        void cut() {
            for (int i = 0; i < text.length(); ) {
                int c = text.codePointAt(i);
                int next = i + Character.charCount(c);
                int entry = TABLE.get(c);
                if (FoldTable.kind(entry) == FoldTable.EXPANSION) {
                    for (int unit : TABLE.expansion(entry)) take(unit, i, next);
                } else {
                    take(entry, i, next);
                }
                i = next;
            }
            endWord();
            endRun();
        }

        private void take(int entry, int start, int end) {
            switch (FoldTable.kind(entry)) {
                case FoldTable.IGNORABLE -> { }
                case FoldTable.LETTER, FoldTable.DIGIT, FoldTable.LOOKALIKE -> {
                    endRun();
                    if (wordStart < 0) wordStart = start;
                    wordEnd = end;
                    if (wordCodePoints < MAX_WORD_CODE_POINTS) {
                        word.appendCodePoint(FoldTable.keyCode(entry));
                        wordCodePoints++;
                    }
                }
                case FoldTable.UNSPACED -> {
                    endWord();
                    int folded = FoldTable.code(entry);
                    if (runPrevious >= 0) {
                        out.add(new Term(new StringBuilder().appendCodePoint(runPrevious).appendCodePoint(folded).toString(),
                                Kind.PAIR, runPreviousStart, end));
                    }
                    out.add(new Term(Character.toString(folded), Kind.SINGLE, start, end));
                    runPrevious = folded;
                    runPreviousStart = start;
                }
                default -> {
                    endWord();
                    endRun();
                }
            }
        }

        private void endWord() {
            if (wordStart < 0) return;
            out.add(new Term(word.toString(), Kind.WORD, wordStart, wordEnd));
            word.setLength(0);
            wordStart = -1;
            wordCodePoints = 0;
        }

        private void endRun() {
            runPrevious = -1;
        }
    }
}
