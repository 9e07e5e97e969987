package org.stoa.engine.text;

import static org.stoa.engine.text.FoldTable.DIGIT;
import static org.stoa.engine.text.FoldTable.LETTER;
import static org.stoa.engine.text.FoldTable.SYMBOL;
import static org.stoa.engine.text.FoldTable.UNSPACED;
import static org.stoa.engine.text.FoldedText.HARD_GAP;
import static org.stoa.engine.text.FoldedText.NO_GAP;
import static org.stoa.engine.text.FoldedText.SOFT_GAP;

/**
 * Finds the keys of a {@link TermTrie} in a {@link FoldedText}. From every place a term may start
 * (a word start, or any CJK character) it walks the trie along the text, exploring the readings
 * the text allows where it is ambiguous: a digit or symbol as itself or as the letter it stands
 * for, a repeated letter as a letter of the term or as a repeat, a gap as the space between two
 * words of the term or, where letters are spelled apart, as nothing. Each branch ends as soon as
 * the trie has no way on, so the work is about one trie step a character of ordinary text.
 */
final class TermSearch {

    /** Receives each match: the term's index and the first and last unit it covers. */
    @FunctionalInterface
    interface Sink {
        void match(int term, int firstUnit, int lastUnit);
    }

    // A state is (position, node, last unit read, last letter read, flags); FRAME ints on the stack.
    private static final int FRAME = 5;
    private static final int PENDING_GAP = 3;
    /** The gap before the position has been read (or there is none to read: the start). */
    private static final int CROSSED = 4;
    /** Skipping repeats of the last letter: reading it again as a term letter would only repeat a branch. */
    private static final int SKIPPING = 8;
    private static final int NO_LETTER = -1;

    private final TermTrie trie;
    private final boolean[] needsLetter;
    private final boolean wholeWords;
    private final boolean separators;
    private final boolean repeats;

    /**
     * @param needsLetter per term: its key has a letter, so a match must show at least one real
     *     letter (digits and symbols alone, such as {@code 1337}, never spell a word)
     */
    TermSearch(TermTrie trie, boolean[] needsLetter, boolean wholeWords, boolean separators, boolean repeats) {
        this.trie = trie;
        this.needsLetter = needsLetter;
        this.wholeWords = wholeWords;
        this.separators = separators;
        this.repeats = repeats;
    }

    void search(FoldedText text, Sink sink) {
        int[] stack = new int[FRAME * 32];
        for (int first = 0; first < text.length; first++) {
            if (!mayStartTerm(text, first)) continue;
            int top = push(stack, 0, first, TermTrie.ROOT, -1, NO_LETTER, CROSSED);
            while (top > 0) {
                top -= FRAME;
                int position = stack[top];
                int node = stack[top + 1];
                int lastUnit = stack[top + 2];
                int lastLetter = stack[top + 3];
                int flags = stack[top + 4];
                if (lastUnit >= 0 && trie.hasTerms(node) && mayEndTerm(text, lastUnit)) {
                    report(text, node, first, lastUnit, sink);
                }
                if (position < text.length) {
                    stack = ensureRoom(stack, top);
                    top = expand(text, stack, top, position, node, lastUnit, lastLetter, flags);
                }
            }
        }
    }

    /** Pushes every state that reads on from this one; returns the new top of the stack. */
    private int expand(FoldedText text, int[] stack, int top, int p, int node, int lastUnit, int lastLetter, int flags) {
        int kind = text.kind(p);
        int gap = (flags & CROSSED) != 0 ? NO_GAP : Math.max(flags & PENDING_GAP, text.gapBefore(p));
        int symbolGap = kind == SYMBOL ? Math.max(gap, text.hard(p) ? HARD_GAP : SOFT_GAP) : NO_GAP;
        if (gap == NO_GAP) {
            boolean skipping = (flags & SKIPPING) != 0;
            if (kind != SYMBOL && !(skipping && text.code[p] == lastLetter)) {
                int child = trie.child(node, text.code[p]);
                if (child != TermTrie.NONE) top = push(stack, top, p + 1, child, p, text.code[p], 0);
            }
            boolean repeated = kind != UNSPACED && text.code[p] == lastLetter;
            if (kind == DIGIT || kind == SYMBOL && text.insideWord(p)) {
                for (int letter : Leet.letters(text.leet(p))) {
                    repeated |= letter == lastLetter;
                    if (skipping && letter == lastLetter) continue;
                    int child = trie.child(node, letter);
                    if (child != TermTrie.NONE) top = push(stack, top, p + 1, child, p, letter, 0);
                }
            }
            if (repeats && repeated) top = push(stack, top, p + 1, node, p, lastLetter, SKIPPING);
            if (lastUnit >= 0 && lastLetter != ' ') {
                int space = trie.spaceChild(node);
                if (space != TermTrie.NONE) top = push(stack, top, p, space, lastUnit, ' ', CROSSED);
            }
            if (kind == SYMBOL && lastUnit >= 0) top = push(stack, top, p + 1, node, lastUnit, lastLetter, symbolGap);
            return top;
        }
        if (lastLetter != ' ') {
            int space = trie.spaceChild(node);
            if (space != TermTrie.NONE) top = push(stack, top, p, space, lastUnit, ' ', CROSSED);
        }
        if (separators && spelledApart(text, lastUnit, p, gap)) {
            top = push(stack, top, p, node, lastUnit, lastLetter, CROSSED | flags & SKIPPING);
        }
        if (kind == SYMBOL) top = push(stack, top, p + 1, node, lastUnit, lastLetter, symbolGap);
        return top;
    }

    /**
     * May the gap between units {@code a} and {@code b} be read as nothing? Between CJK characters,
     * if it holds no clause punctuation; between letters of spaced scripts, only where each stands
     * alone ({@code s c a m}, {@code s.c.a.m}), never inside ordinary words ({@code this camera}).
     */
    private static boolean spelledApart(FoldedText text, int a, int b, int gap) {
        int kindA = text.kind(a);
        int kindB = text.kind(b);
        if (kindA == UNSPACED || kindB == UNSPACED) return kindA == kindB && gap == SOFT_GAP;
        return standsAlone(text, a) && standsAlone(text, b);
    }

    private static boolean standsAlone(FoldedText text, int u) {
        return text.wordStartsAt(u) && text.wordEndsAt(u);
    }

    private boolean mayStartTerm(FoldedText text, int u) {
        int kind = text.kind(u);
        if (kind == UNSPACED) return true;
        boolean letterLike = kind == LETTER || kind == DIGIT || kind == SYMBOL && text.insideWord(u);
        return letterLike && (!wholeWords || text.wordStartsAt(u));
    }

    private boolean mayEndTerm(FoldedText text, int u) {
        return !wholeWords || text.kind(u) == UNSPACED || text.wordEndsAt(u);
    }

    private void report(FoldedText text, int node, int first, int last, TermSearch.Sink sink) {
        boolean hasLetter = hasLetter(text, first, last);
        trie.forEachTerm(node, term -> {
            if (hasLetter || !needsLetter[term]) sink.match(term, first, last);
        });
    }

    private static boolean hasLetter(FoldedText text, int first, int last) {
        for (int u = first; u <= last; u++) {
            int kind = text.kind(u);
            if (kind == LETTER || kind == UNSPACED) return true;
        }
        return false;
    }

    private static int push(int[] stack, int top, int position, int node, int lastUnit, int lastLetter, int flags) {
        stack[top] = position;
        stack[top + 1] = node;
        stack[top + 2] = lastUnit;
        stack[top + 3] = lastLetter;
        stack[top + 4] = flags;
        return top + FRAME;
    }

    /** One state pushes at most six others (three letters, a repeat, a space, a symbol skipped). */
    private static int[] ensureRoom(int[] stack, int top) {
        return top + 6 * FRAME <= stack.length ? stack : java.util.Arrays.copyOf(stack, stack.length * 2);
    }
}
