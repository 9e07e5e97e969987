package org.stoa.engine.text;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;

/**
 * Tells a CJK term whose characters a sender cut apart with clause punctuation ({@code 赌，场},
 * {@code 网、上、赌、场}) from two clauses of prose that meet at a comma ({@code 颜色，情况},
 * {@code 开了枪，支持者}): in prose the characters on either side of the punctuation belong to
 * longer words, which ICU's dictionary segmentation finds. Only matches that read across clause
 * punctuation come here, so the dictionary (2 MB) is loaded the first time one does.
 */
final class CjkWords {

    /** Characters of context on each side: enough for the segmenter to see the word a character is in. */
    private static final int CONTEXT = 6;

    private CjkWords() {}

    /**
     * False if the match from unit {@code first} to {@code last} reads across clause punctuation
     * between two CJK characters where it looks like prose; true otherwise (also for the usual
     * match, which crosses no such punctuation). A term of three or more characters with
     * something between every two of them is spelled apart, whatever the words around it; else
     * the characters on both sides of the punctuation must each be a word by itself.
     */
    static boolean spelledApartAcrossClauses(FoldedText text, int first, int last) {
        int characters = 0;
        boolean everyOneApart = true;
        boolean crossesClause = false;
        int previous = -1;
        for (int u = first; u <= last; u++) {
            if (text.kindAt(u) != FoldTable.UNSPACED) continue;
            if (previous >= 0) {
                everyOneApart &= isSeparated(text, previous, u);
                crossesClause |= isClauseBreak(text, previous, u);
            }
            characters++;
            previous = u;
        }
        if (!crossesClause || characters >= 3 && everyOneApart) return true;
        previous = -1;
        for (int u = first; u <= last; u++) {
            if (text.kindAt(u) != FoldTable.UNSPACED) continue;
            if (previous >= 0 && isClauseBreak(text, previous, u)
                    && !(endsWithOneCharacterWord(text, previous) && startsWithOneCharacterWord(text, u))) {
                return false;
            }
            previous = u;
        }
        return true;
    }

    /** Clause punctuation between units {@code a} and {@code b}: in a gap, or a symbol such as {@code !} skipped as one. */
    private static boolean isClauseBreak(FoldedText text, int a, int b) {
        for (int u = a + 1; u <= b; u++) {
            if (text.gapBefore(u) == FoldedText.HARD_GAP) return true;
            if (u < b && FoldTable.hard(text.unit[u])) return true;
        }
        return false;
    }

    /** Anything between units {@code a} and {@code b}: a gap, another unit, an invisible character. */
    private static boolean isSeparated(FoldedText text, int a, int b) {
        return b > a + 1 || text.gapBefore(b) != FoldedText.NO_GAP || text.end(a) > text.start[a] + 1;
    }

    /** Whether the CJK character at {@code u} is a word by itself at the end of the run of CJK characters it ends. */
    private static boolean endsWithOneCharacterWord(FoldedText text, int u) {
        int from = u;
        while (from > 0 && u - from < CONTEXT && text.kindAt(from - 1) == FoldTable.UNSPACED && !isSeparated(text, from - 1, from)) {
            from--;
        }
        if (from == u) return true;
        BreakIterator words = BreakIterator.getWordInstance(ULocale.ROOT);
        words.setText(codePoints(text, from, u));
        int end = words.last();
        return end - words.previous() == Character.charCount(FoldTable.code(text.unit[u]));
    }

    /** Whether the CJK character at {@code u} is a word by itself at the start of the run of CJK characters it begins. */
    private static boolean startsWithOneCharacterWord(FoldedText text, int u) {
        int to = u;
        while (to + 1 < text.length && to - u < CONTEXT && text.kindAt(to + 1) == FoldTable.UNSPACED && !isSeparated(text, to, to + 1)) {
            to++;
        }
        if (to == u) return true;
        BreakIterator words = BreakIterator.getWordInstance(ULocale.ROOT);
        words.setText(codePoints(text, u, to));
        words.first();
        return words.next() == Character.charCount(FoldTable.code(text.unit[u]));
    }

    private static String codePoints(FoldedText text, int from, int to) {
        StringBuilder run = new StringBuilder();
        for (int u = from; u <= to; u++) run.appendCodePoint(FoldTable.code(text.unit[u]));
        return run.toString();
    }
}
