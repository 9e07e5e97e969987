package org.stoa.engine.text;

import static org.stoa.engine.text.FoldTable.DIGIT;
import static org.stoa.engine.text.FoldTable.LETTER;
import static org.stoa.engine.text.FoldTable.LOOKALIKE;
import static org.stoa.engine.text.FoldTable.SYMBOL;
import static org.stoa.engine.text.FoldTable.UNSPACED;
import static org.stoa.engine.text.FoldedText.HARD_GAP;
import static org.stoa.engine.text.FoldedText.NO_GAP;
import static org.stoa.engine.text.FoldedText.SOFT_GAP;

import java.util.Arrays;

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
    private static final int NO_UNIT = -1;

    private final TermTrie trie;
    /** For whole-word lists: most plain words need no walk at all. */
    private final WordFilter words;
    private final boolean[] needsLetter;
    private final boolean wholeWords;
    private final boolean separators;
    private final boolean repeats;

    /**
     * @param needsLetter per term: its key has a letter, so a match must show at least one real
     *     letter (digits and symbols alone, such as {@code 1337}, never spell a word)
     */
    TermSearch(TermTrie trie, WordFilter words, boolean[] needsLetter, boolean wholeWords, boolean separators,
            boolean repeats) {
        this.trie = trie;
        this.words = words;
        this.needsLetter = needsLetter;
        this.wholeWords = wholeWords;
        this.separators = separators;
        this.repeats = repeats;
    }

    /** Searches {@code scratch.text}, growing {@code scratch.stack} if it must. */
    void search(Scratch scratch, Sink sink) {
        FoldedText text = scratch.text;
        int[] units = text.unit;
        int length = text.length;
        int[] stack = scratch.stack;
        for (int first = 0; first < length; first++) {
            int kind = FoldTable.kind(units[first]);
            if (kind == UNSPACED) {
                int skip = cjkRunOfNoTerm(units, first, length);
                if (skip >= 0) {
                    first = skip;
                    continue;
                }
            } else if (!mayStartSpacedTerm(text, first, kind)) {
                continue;
            } else if (kind == LETTER && words != null) {
                int skip = plainWordOfNoTerm(units, first, length);
                if (skip >= 0) {
                    first = skip;
                    continue;
                }
            }
            int top = 0;
            int position = first;
            int node = TermTrie.ROOT;
            int lastUnit = NO_UNIT;
            int lastLetter = NO_LETTER;
            int flags = CROSSED;
            while (true) {
                // Ordinary letters leave one way on: follow it without the stack.
                int child = TermTrie.FORK;
                while (position < length) {
                    int unit = units[position];
                    if (!isPlainLetter(unit, lastLetter, flags)) break;
                    child = trie.plainChild(node, FoldTable.code(unit));
                    if (child == TermTrie.FORK || child == TermTrie.NONE) break;
                    node = child;
                    lastUnit = position++;
                    lastLetter = FoldTable.code(unit);
                    flags = 0;
                    if (trie.hasTerms(node) && mayEndTerm(text, lastUnit)) report(text, node, first, lastUnit, sink);
                }
                if (child != TermTrie.NONE && position < length) {
                    if (top + 6 * FRAME > stack.length) stack = scratch.stack = Arrays.copyOf(stack, stack.length * 2);
                    top = expand(text, stack, top, position, node, lastUnit, lastLetter, flags);
                }
                if (top == 0) break;
                top -= FRAME;
                position = stack[top];
                node = stack[top + 1];
                lastUnit = stack[top + 2];
                lastLetter = stack[top + 3];
                flags = stack[top + 4];
                if (trie.hasTerms(node) && mayEndTerm(text, lastUnit)) report(text, node, first, lastUnit, sink);
            }
        }
    }

    /**
     * The last of the CJK characters from {@code first} on that each begin no key, or -1 if
     * {@code first} may. Filters like this one rule out most starts without reading the trie.
     */
    private int cjkRunOfNoTerm(int[] units, int first, int length) {
        int u = first;
        while (beginsNoKey(units, u, length)) {
            if (u + 1 == length || FoldTable.kind(units[u + 1]) != UNSPACED) return u;
            u++;
        }
        return u > first ? u - 1 : -1;
    }

    /**
     * Whether no key can begin at the CJK character {@code u}, judging by the pairs of code
     * points keys begin with ({@link TermTrie#mayStartWith}) and by what follows {@code u}: a
     * character directly or across a gap (a key would go on with it), a Latin letter directly (a
     * key would go on with it). A digit or a symbol may stand for letters: then the trie decides.
     */
    private boolean beginsNoKey(int[] units, int u, int length) {
        int letter = FoldTable.code(units[u]);
        if (trie.mayStartWith(letter, TermTrie.END) || trie.mayStartWith(letter, ' ')) return false;
        if (u + 1 == length) return true;
        int next = units[u + 1];
        int gap = FoldedText.gap(next);
        return switch (FoldTable.kind(next)) {
            case UNSPACED -> !trie.mayStartWith(letter, FoldTable.code(next));
            case LETTER -> gap != NO_GAP || !trie.mayStartWith(letter, FoldTable.code(next));
            default -> false;
        };
    }

    /**
     * The last unit of the word starting at {@code first} if it is plain (two or more letters,
     * none three times in a row, a gap or the end after them) and the {@link WordFilter} knows
     * it ends no word of any key; otherwise -1. The walk from here could only read those letters,
     * and would reach no term's end and no space between a term's words: the search skips them.
     */
    private int plainWordOfNoTerm(int[] units, int first, int length) {
        int code = FoldTable.code(units[first]);
        long hash = WordFilter.mix(WordFilter.start(), code);
        int last = first;
        int run = 1;
        while (last + 1 < length && FoldedText.isContiguousLetter(units[last + 1])) {
            int next = FoldTable.code(units[last + 1]);
            run = next == code ? run + 1 : 1;
            if (repeats && run == 3) return -1;
            hash = WordFilter.mix(hash, next);
            code = next;
            last++;
        }
        boolean endsAtGap = last + 1 == length || FoldedText.gap(units[last + 1]) != NO_GAP;
        return last > first && endsAtGap && !words.mayContain(WordFilter.finish(hash)) ? last : -1;
    }

    /** A letter with no gap to cross before it and no second reading (not a digit, symbol or repeat). */
    private static boolean isPlainLetter(int unit, int lastLetter, int flags) {
        int kind = FoldTable.kind(unit);
        return (kind == LETTER || kind == UNSPACED) && FoldTable.code(unit) != lastLetter
                && ((flags & CROSSED) != 0 || ((flags & PENDING_GAP) | FoldedText.gap(unit)) == NO_GAP);
    }

    /** Pushes every state that reads on from this one; returns the new top of the stack. */
    private int expand(FoldedText text, int[] stack, int top, int p, int node, int lastUnit, int lastLetter, int flags) {
        int unit = text.unit[p];
        int kind = FoldTable.kind(unit);
        int code = FoldTable.code(unit);
        int gap = (flags & CROSSED) != 0 ? NO_GAP : Math.max(flags & PENDING_GAP, FoldedText.gap(unit));
        int symbolGap = kind == SYMBOL ? Math.max(gap, FoldTable.hard(unit) ? HARD_GAP : SOFT_GAP) : NO_GAP;
        if (gap == NO_GAP) {
            boolean skipping = (flags & SKIPPING) != 0;
            boolean repeated = false;
            if (kind == LOOKALIKE) {
                for (int readings = FoldTable.readings(unit); readings != 0; readings >>>= FoldTable.READING_BITS) {
                    int letter = readings & FoldTable.READING_MASK;
                    repeated |= letter == lastLetter;
                    if (!(skipping && letter == lastLetter)) top = pushChild(stack, top, p, node, letter);
                }
            } else if (kind != SYMBOL) {
                if (!(skipping && code == lastLetter)) top = pushChild(stack, top, p, node, code);
                repeated = kind != UNSPACED && code == lastLetter;
            }
            if (kind == DIGIT || kind == SYMBOL && symbolMayBeLetter(text, p)) {
                for (int letter : Leet.letters(FoldTable.leet(unit))) {
                    repeated |= letter == lastLetter;
                    if (!(skipping && letter == lastLetter)) top = pushChild(stack, top, p, node, letter);
                }
            }
            if (repeats && repeated && inRepeatRun(text, p, lastLetter)) {
                top = push(stack, top, p + 1, node, p, lastLetter, SKIPPING);
            }
            if (lastUnit != NO_UNIT && lastLetter != ' ') {
                int space = trie.spaceChild(node);
                if (space != TermTrie.NONE) top = push(stack, top, p, space, lastUnit, ' ', CROSSED);
            }
            if (kind == SYMBOL && lastUnit != NO_UNIT) top = push(stack, top, p + 1, node, lastUnit, lastLetter, symbolGap);
            return top;
        }
        if (lastLetter != ' ') {
            int space = trie.spaceChild(node);
            if (space != TermTrie.NONE) top = push(stack, top, p, space, lastUnit, ' ', CROSSED);
        }
        if (separators && spelledApart(text, lastUnit, p)) {
            top = push(stack, top, p, node, lastUnit, lastLetter, CROSSED | flags & SKIPPING);
        }
        if (kind == SYMBOL) top = push(stack, top, p + 1, node, lastUnit, lastLetter, symbolGap);
        return top;
    }

    /**
     * Whether unit {@code u} is in a run of three or more units reading as {@code letter}: an
     * evader repeats a letter three times or more, while a doubled letter is ordinary spelling
     * ({@code dessert} is not {@code desert}).
     */
    private static boolean inRepeatRun(FoldedText text, int u, int letter) {
        int run = 1;
        for (int v = u - 1; v >= 0 && run < 3 && text.gapBefore(v + 1) == NO_GAP && readsAs(text.unit[v], letter); v--) {
            run++;
        }
        for (int v = u + 1; v < text.length && run < 3 && text.gapBefore(v) == NO_GAP && readsAs(text.unit[v], letter); v++) {
            run++;
        }
        return run >= 3;
    }

    private static boolean readsAs(int unit, int letter) {
        int kind = FoldTable.kind(unit);
        if ((kind == LETTER || kind == DIGIT) && FoldTable.code(unit) == letter) return true;
        if (kind == LOOKALIKE) {
            for (int readings = FoldTable.readings(unit); readings != 0; readings >>>= FoldTable.READING_BITS) {
                if ((readings & FoldTable.READING_MASK) == letter) return true;
            }
            return false;
        }
        if (kind != DIGIT && !(kind == SYMBOL && FoldedText.inWord(unit))) return false;
        for (int leet : Leet.letters(FoldTable.leet(unit))) {
            if (leet == letter) return true;
        }
        return false;
    }

    /**
     * May the gap between units {@code a} and {@code b} be read as nothing? Between CJK characters,
     * always (a match across clause punctuation is checked when it is reported); between letters
     * of spaced scripts, only where each stands alone ({@code s c a m}, {@code s.c.a.m}), never
     * inside ordinary words ({@code this camera}).
     */
    private static boolean spelledApart(FoldedText text, int a, int b) {
        int kindA = text.kindAt(a);
        int kindB = text.kindAt(b);
        if (kindA == UNSPACED || kindB == UNSPACED) return kindA == kindB;
        return text.standsAlone(a) && text.standsAlone(b);
    }

    /**
     * A symbol may stand for a letter where it touches a word ({@code b@nk}, {@code pill$}) or
     * where it is spelled apart among letters that are ({@code s . p . @ . m},
     * {@code c a m e r @!!!}); not a lone {@code $} or {@code !} between ordinary words, nor one
     * inside a row of symbols.
     */
    private static boolean symbolMayBeLetter(FoldedText text, int u) {
        if (FoldedText.inWord(text.unit[u])) return true;
        boolean alone = startsApart(text, u) && (endsApart(text, u) || text.kindAt(u + 1) == SYMBOL);
        return alone && (u > 0 && isSpelledApart(text, u - 1) || u + 1 < text.length && isSpelledApart(text, u + 1));
    }

    /** A letter or digit of a spaced script standing alone, or a symbol between gaps. */
    private static boolean isSpelledApart(FoldedText text, int u) {
        int kind = text.kindAt(u);
        if (FoldedText.isWordKind(kind)) return text.standsAlone(u);
        return kind == SYMBOL && startsApart(text, u) && endsApart(text, u);
    }

    /** A gap, the start of the text or a CJK character before unit {@code u}. */
    private static boolean startsApart(FoldedText text, int u) {
        return u == 0 || text.gapBefore(u) != NO_GAP || text.kindAt(u - 1) == UNSPACED;
    }

    /** A gap, the end of the text or a CJK character after unit {@code u}. */
    private static boolean endsApart(FoldedText text, int u) {
        return u + 1 == text.length || text.gapBefore(u + 1) != NO_GAP || text.kindAt(u + 1) == UNSPACED;
    }

    /** Whether a term may start at unit {@code u}, of a kind other than {@link FoldTable#UNSPACED}. */
    private boolean mayStartSpacedTerm(FoldedText text, int u, int kind) {
        boolean letterLike = FoldedText.isWordKind(kind) || kind == SYMBOL && symbolMayBeLetter(text, u);
        return letterLike && (!wholeWords || text.wordStartsAt(u));
    }

    private boolean mayEndTerm(FoldedText text, int u) {
        return !wholeWords || text.kindAt(u) == UNSPACED || text.wordEndsAt(u);
    }

    private void report(FoldedText text, int node, int first, int last, Sink sink) {
        if (!CjkWords.spelledApartAcrossClauses(text, first, last)) return;
        boolean hasLetter = hasLetter(text, first, last);
        for (int slot = trie.firstTermSlot(node); ; slot++) {
            int term = trie.termAt(slot);
            if (hasLetter || !needsLetter[term]) sink.match(term, first, last);
            if (trie.isLastTerm(slot)) return;
        }
    }

    private static boolean hasLetter(FoldedText text, int first, int last) {
        for (int u = first; u <= last; u++) {
            int kind = text.kindAt(u);
            if (kind == LETTER || kind == UNSPACED || kind == LOOKALIKE) return true;
        }
        return false;
    }

    /** Pushes the state reading {@code letter} at {@code p}, if the trie goes on with it. */
    private int pushChild(int[] stack, int top, int p, int node, int letter) {
        int child = trie.child(node, letter);
        return child == TermTrie.NONE ? top : push(stack, top, p + 1, child, p, letter, 0);
    }

    /** Pushes a state; there is room, as one state pushes at most six (three letters, a repeat, a space, a skip). */
    private static int push(int[] stack, int top, int position, int node, int lastUnit, int lastLetter, int flags) {
        stack[top] = position;
        stack[top + 1] = node;
        stack[top + 2] = lastUnit;
        stack[top + 3] = lastLetter;
        stack[top + 4] = flags;
        return top + FRAME;
    }
}
