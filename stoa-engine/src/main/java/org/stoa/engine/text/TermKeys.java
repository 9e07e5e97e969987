package org.stoa.engine.text;

import java.util.Arrays;

/** Turns a term as written into the key the trie holds: what {@link FoldedText} would make of it. */
final class TermKeys {

    private TermKeys() {}

    /**
     * The folded code points of {@code term}, with one {@code ' '} wherever a separator divides
     * two words (never between CJK characters, which have no word boundaries). A symbol inside a
     * word reads as the letter it stands for ({@code f@ke} is {@code fake}); other punctuation
     * separates words ({@code fake-id} is {@code fake id}).
     *
     * @throws IllegalArgumentException if the term has no letter or digit
     */
    static int[] keyOf(String term, FoldTable table) {
        return keyOf(term, table, new FoldedText());
    }

    /** {@link #keyOf(String, FoldTable)}, folding into {@code buffer} (for many terms in a row). */
    static int[] keyOf(String term, FoldTable table, FoldedText buffer) {
        FoldedText text = buffer.fold(term, table);
        int[] key = new int[text.length * 2];
        int length = 0;
        int previousKind = -1;
        boolean wordEnded = false;
        for (int u = 0; u < text.length; u++) {
            int unit = text.unit[u];
            int kind = FoldTable.kind(unit);
            wordEnded |= FoldedText.gap(unit) != FoldedText.NO_GAP;
            if (kind == FoldTable.SYMBOL && !FoldedText.inWord(unit)) {
                wordEnded = true;
                continue;
            }
            boolean betweenCjk = previousKind == FoldTable.UNSPACED && kind == FoldTable.UNSPACED;
            if (wordEnded && length > 0 && !betweenCjk) key[length++] = ' ';
            key[length++] = kind == FoldTable.SYMBOL ? Leet.letters(FoldTable.leet(unit))[0] : FoldTable.keyCode(unit);
            previousKind = kind;
            wordEnded = false;
        }
        if (length == 0) throw new IllegalArgumentException("no letter or digit in term: " + term);
        return Arrays.copyOf(key, length);
    }

    /** Whether a key has a letter: if so, a match made only of digits and symbols does not count. */
    static boolean hasLetter(int[] key) {
        for (int c : key) {
            if (c != ' ' && (c < '0' || c > '9')) return true;
        }
        return false;
    }
}
