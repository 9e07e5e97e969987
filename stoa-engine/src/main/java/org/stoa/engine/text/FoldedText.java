package org.stoa.engine.text;

import java.util.Arrays;

/**
 * A text as the matcher sees it: one unit a folded letter, digit or symbol, with separators and
 * invisible characters between units recorded as a gap rather than kept, and each unit's span in
 * the original text in code points. Built once per message; read by {@link TermSearch}.
 *
 * <p>A unit is its {@link FoldTable} entry (code, kind, hard, leet) with the gap before it in
 * bits 25-26 and {@link #IN_WORD} in bit 27.
 */
final class FoldedText {

    static final int NO_GAP = 0;
    static final int SOFT_GAP = 1;
    /** A gap holding clause punctuation ({@code ，。「}), which CJK terms never span. */
    static final int HARD_GAP = 2;

    private static final int GAP_SHIFT = 25;
    private static final int HARD_SHIFT = Integer.numberOfTrailingZeros(FoldTable.HARD);
    private static final int GAP_MASK = 3 << GAP_SHIFT;
    private static final int KIND_AND_GAP = FoldTable.entry(7, 0, 0, false) | GAP_MASK;
    private static final int CONTIGUOUS_LETTER = FoldTable.entry(FoldTable.LETTER, 0, 0, false);
    /** On a symbol that touches a word: see {@link #inWord}. */
    private static final int IN_WORD = 1 << 27;
    /** The smallest code point each length of UTF-8 sequence may encode (shorter forms are malformed). */
    private static final int[] UTF8_MINIMUM = {0, 0, 0x80, 0x800, 0x10000};

    /** The text's code points, decoded in one pass before folding them in another. */
    private int[] codePoints;
    int[] unit;
    /** The offset in code points of the character each unit comes from. */
    int[] start;
    /**
     * Where each unit's span ends when it reaches over invisible characters or accents after it;
     * 0 for a unit whose span is its one character, and null while every unit's is.
     */
    private int[] end;
    int length;

    FoldedText() {
        codePoints = new int[64];
        unit = new int[64];
        start = new int[64];
    }

    /** Folds {@code text} into this, reusing its arrays; returns this. A lone surrogate is one code point. */
    FoldedText fold(CharSequence text, FoldTable table) {
        int n = text.length();
        int[] codePoints = reserve(n);
        int count = 0;
        for (int i = 0; i < n; count++) {
            char c = text.charAt(i++);
            if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(text.charAt(i))) {
                codePoints[count] = Character.toCodePoint(c, text.charAt(i++));
            } else {
                codePoints[count] = c;
            }
        }
        return foldCodePoints(count, table);
    }

    /**
     * Folds UTF-8 bytes {@code from} to {@code to} into this, without making a String of them
     * first; false (and this unusable) if they are not well-formed UTF-8.
     */
    boolean foldUtf8(byte[] bytes, int from, int to, FoldTable table) {
        int[] codePoints = reserve(to - from);
        int count = 0;
        for (int i = from; i < to; count++) {
            int b = bytes[i];
            if (b >= 0) {
                codePoints[count] = b;
                i++;
                continue;
            }
            int size = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
            if (size == 0 || i + size > to) return false;
            int c = b & (0x7F >> size);
            for (int k = 1; k < size; k++) {
                int next = bytes[i + k];
                if ((next & 0xC0) != 0x80) return false;
                c = c << 6 | next & 0x3F;
            }
            if (c < UTF8_MINIMUM[size] || c > Character.MAX_CODE_POINT || c >= 0xD800 && c <= 0xDFFF) return false;
            codePoints[count] = c;
            i += size;
        }
        foldCodePoints(count, table);
        return true;
    }

    /** The code point buffer, for a text of {@code n} chars or bytes, with the units' arrays sized to match. */
    private int[] reserve(int n) {
        if (codePoints.length < n) codePoints = new int[n];
        if (unit.length < n) {
            unit = new int[n];
            start = new int[n];
        }
        return codePoints;
    }

    private FoldedText foldCodePoints(int count, FoldTable table) {
        end = null;
        int[] codePoints = this.codePoints;
        int[] unit = this.unit;
        int[] start = this.start;
        int length = 0;
        int gap = NO_GAP;
        for (int offset = 0; offset < count; offset++) {
            int entry = table.get(codePoints[offset]);
            int kind = FoldTable.kind(entry);
            if (kind < FoldTable.SEPARATOR || length == unit.length) {
                this.length = length;
                gap = addRare(entry, offset, gap, table);
                unit = this.unit;
                start = this.start;
                length = this.length;
                continue;
            }
            boolean nearSymbol = kind == FoldTable.SYMBOL || length > 0 && FoldTable.kind(unit[length - 1]) == FoldTable.SYMBOL;
            if (nearSymbol && gap == NO_GAP && length > 0) entry = touchWord(entry, length);
            // One character, one unit, or one more separator in the gap. Written without a branch
            // on the kind: letters and separators alternate too irregularly to predict.
            unit[length] = entry | gap << GAP_SHIFT;
            start[length] = offset;
            int separator = ((kind ^ FoldTable.SEPARATOR) - 1) >>> 31;
            gap = -separator & Math.max(gap, SOFT_GAP + (entry >>> HARD_SHIFT & 1));
            length += 1 - separator;
        }
        this.length = length;
        return this;
    }

    /** The number of units this can hold without growing. */
    int capacity() {
        return Math.max(codePoints.length, unit.length);
    }

    /** Ignorables, expansions, and any unit once the arrays are full; returns the gap pending. */
    private int addRare(int entry, int offset, int gap, FoldTable table) {
        switch (FoldTable.kind(entry)) {
            case FoldTable.IGNORABLE -> {
                if (length > 0 && gap == NO_GAP) extendLastUnit(offset + 1);
                return gap;
            }
            case FoldTable.SEPARATOR -> {
                return Math.max(gap, FoldTable.hard(entry) ? HARD_GAP : SOFT_GAP);
            }
            case FoldTable.EXPANSION -> {
                for (int part : table.expansion(entry)) gap = addRare(part, offset, gap, table);
                return gap;
            }
            default -> {
                if (length == unit.length) grow();
                if (gap == NO_GAP && length > 0) entry = touchWord(entry, length);
                unit[length] = entry | gap << GAP_SHIFT;
                start[length++] = offset;
                return NO_GAP;
            }
        }
    }

    private void extendLastUnit(int to) {
        if (end == null) end = new int[unit.length];
        end[length - 1] = to;
    }

    private void grow() {
        int capacity = unit.length * 2;
        unit = Arrays.copyOf(unit, capacity);
        start = Arrays.copyOf(start, capacity);
        if (end != null) end = Arrays.copyOf(end, capacity);
    }

    /**
     * For a unit about to be added at {@code next}, right after the one before it: marks the
     * symbols a word touches ({@link #inWord}). If the new unit is a letter or digit, the symbols
     * just before it; if it is a symbol after a word, itself (the returned entry).
     */
    private int touchWord(int entry, int next) {
        int kind = FoldTable.kind(entry);
        if (isWordKind(kind)) {
            for (int u = next - 1; u >= 0 && FoldTable.kind(unit[u]) == FoldTable.SYMBOL; u--) {
                unit[u] |= IN_WORD;
                if (gapBefore(u) != NO_GAP) break;
            }
            return entry;
        }
        int previous = unit[next - 1];
        int previousKind = FoldTable.kind(previous);
        boolean afterWord = isWordKind(previousKind) || previousKind == FoldTable.SYMBOL && inWord(previous);
        return kind == FoldTable.SYMBOL && afterWord ? entry | IN_WORD : entry;
    }

    /** The offset in code points just after unit {@code u}'s span. */
    int end(int u) {
        return end == null || end[u] == 0 ? start[u] + 1 : end[u];
    }

    /** A letter of a spaced script with no gap before it: the common case, in one test. */
    static boolean isContiguousLetter(int unit) {
        return (unit & KIND_AND_GAP) == CONTIGUOUS_LETTER;
    }

    static int gap(int unit) {
        return (unit & GAP_MASK) >>> GAP_SHIFT;
    }

    /**
     * Whether this symbol touches a word: a word goes on directly after it or comes directly
     * before it (through any further symbols). Only then may it stand for a letter:
     * {@code $pam}, {@code b@nk}, {@code pa$$word}, {@code pill$}, not a lone {@code $} or
     * {@code (} before a word.
     */
    static boolean inWord(int unit) {
        return (unit & IN_WORD) != 0;
    }

    int kindAt(int u) {
        return FoldTable.kind(unit[u]);
    }

    int gapBefore(int u) {
        return gap(unit[u]);
    }

    /** Letters and digits of spaced scripts make words; whole-word matching looks at them. */
    static boolean isWordKind(int kind) {
        return kind == FoldTable.LETTER || kind == FoldTable.DIGIT || kind == FoldTable.LOOKALIKE;
    }

    /** No letter or digit of a spaced script directly before unit {@code u}. */
    boolean wordStartsAt(int u) {
        return u == 0 || gapBefore(u) != NO_GAP || !isWordKind(kindAt(u - 1));
    }

    /** A unit with no letter or digit of a spaced script directly before or after it: {@code s} in {@code s.c.a.m}. */
    boolean standsAlone(int u) {
        return wordStartsAt(u) && wordEndsAt(u);
    }

    /** No letter or digit of a spaced script directly after unit {@code u}. */
    boolean wordEndsAt(int u) {
        return u == length - 1 || gapBefore(u + 1) != NO_GAP || !isWordKind(kindAt(u + 1));
    }
}
