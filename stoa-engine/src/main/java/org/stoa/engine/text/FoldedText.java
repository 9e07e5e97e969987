package org.stoa.engine.text;

import java.util.Arrays;

/**
 * A text as the matcher sees it: one unit a folded letter, digit or symbol, with separators and
 * invisible characters between units recorded as a gap rather than kept, and each unit's span in
 * the original text in code points. Built once per message; read by {@link TermSearch}.
 */
final class FoldedText {

    static final int NO_GAP = 0;
    static final int SOFT_GAP = 1;
    /** A gap holding clause punctuation ({@code ，。「}), which CJK terms never span. */
    static final int HARD_GAP = 2;

    private static final int GAP_MASK = 3;
    /** On a symbol directly followed (through other symbols) by a letter or digit: it may stand for a letter. */
    private static final int INSIDE_WORD = 4;

    int[] code;
    /** The table entry's kind, hard and leet bits, with the gap before the unit and {@link #INSIDE_WORD}. */
    int[] info;
    int[] start;
    /** Exclusive; reaches over invisible characters and accents that follow the unit. */
    int[] end;
    int length;

    private FoldedText(int capacity) {
        code = new int[capacity];
        info = new int[capacity];
        start = new int[capacity];
        end = new int[capacity];
    }

    static FoldedText fold(CharSequence text, FoldTable table) {
        FoldedText folded = new FoldedText(Math.max(16, text.length()));
        int gap = NO_GAP;
        int offset = 0;
        for (int i = 0, n = text.length(); i < n; offset++) {
            int c = text.charAt(i++);
            if (Character.isHighSurrogate((char) c) && i < n && Character.isLowSurrogate(text.charAt(i))) {
                c = Character.toCodePoint((char) c, text.charAt(i++));
            }
            int entry = table.get(c);
            if (FoldTable.kind(entry) == FoldTable.EXPANSION) {
                for (int unit : table.expansion(entry)) gap = folded.add(unit, offset, gap);
            } else {
                gap = folded.add(entry, offset, gap);
            }
        }
        folded.markSymbolsInsideWords();
        return folded;
    }

    /** Appends one table entry read at {@code offset}; returns the gap pending before the next unit. */
    private int add(int entry, int offset, int gap) {
        switch (FoldTable.kind(entry)) {
            case FoldTable.IGNORABLE -> {
                if (length > 0 && gap == NO_GAP) end[length - 1] = offset + 1;
                return gap;
            }
            case FoldTable.SEPARATOR -> {
                return Math.max(gap, FoldTable.hard(entry) ? HARD_GAP : SOFT_GAP);
            }
            default -> {
                if (length == code.length) grow();
                code[length] = FoldTable.code(entry);
                info[length] = (entry & ~FoldTable.CODE_MASK) | gap;
                start[length] = offset;
                end[length] = offset + 1;
                length++;
                return NO_GAP;
            }
        }
    }

    private void grow() {
        int capacity = code.length * 2;
        code = Arrays.copyOf(code, capacity);
        info = Arrays.copyOf(info, capacity);
        start = Arrays.copyOf(start, capacity);
        end = Arrays.copyOf(end, capacity);
    }

    /** A symbol stands for a letter only where a word goes on after it: {@code $pam}, {@code b@nk}, not {@code hi!}. */
    private void markSymbolsInsideWords() {
        boolean wordFollows = false;
        for (int u = length - 1; u >= 0; u--) {
            int kind = kind(u);
            boolean symbolInWord = kind == FoldTable.SYMBOL && wordFollows;
            if (symbolInWord) info[u] |= INSIDE_WORD;
            wordFollows = gapBefore(u) == NO_GAP && (isWordKind(kind) || symbolInWord);
        }
    }

    int kind(int u) {
        return FoldTable.kind(info[u]);
    }

    int gapBefore(int u) {
        return info[u] & GAP_MASK;
    }

    boolean hard(int u) {
        return FoldTable.hard(info[u]);
    }

    int leet(int u) {
        return FoldTable.leet(info[u]);
    }

    boolean insideWord(int u) {
        return (info[u] & INSIDE_WORD) != 0;
    }

    /** Letters and digits of spaced scripts make words; whole-word matching looks at them. */
    static boolean isWordKind(int kind) {
        return kind == FoldTable.LETTER || kind == FoldTable.DIGIT;
    }

    /** No letter or digit of a spaced script directly before unit {@code u}. */
    boolean wordStartsAt(int u) {
        return u == 0 || gapBefore(u) != NO_GAP || !isWordKind(kind(u - 1));
    }

    /** No letter or digit of a spaced script directly after unit {@code u}. */
    boolean wordEndsAt(int u) {
        return u == length - 1 || gapBefore(u + 1) != NO_GAP || !isWordKind(kind(u + 1));
    }
}
