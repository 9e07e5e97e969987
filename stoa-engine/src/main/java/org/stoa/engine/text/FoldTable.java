package org.stoa.engine.text;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For every code point, what the matcher sees once the tolerated evasion families are folded
 * away: a kind (separator, letter, ...) and the code point it folds to. One {@code int} a code
 * point, so folding a message is one array read a character. Entries are computed from ICU's
 * data by a {@link CodePointFolder} the first time a code point is seen (a few microseconds, once
 * per JVM): computing all 1.1 million up front would cost half a second at start-up, and a chat
 * service sees a few thousand of them.
 *
 * <p>Entry layout, shared with {@link FoldedText}'s units: bits 0-20 the folded code point (for
 * {@link #EXPANSION}, the original one; for {@link #LOOKALIKE}, its readings), bits 21-23 the
 * kind, bit 24 {@link #HARD}, bits 25-27 left for {@link FoldedText}, bits 28-31 a {@link Leet}
 * index. Entries are written once, with the same value by whichever thread gets there first, so
 * unsynchronized reads are safe (the idiom of {@code String.hashCode}).
 */
final class FoldTable {

    // Kinds. Below SEPARATOR are the rare ones, which FoldedText handles out of line.
    /** Nothing for the matcher: zero-width characters, combining accents. */
    static final int IGNORABLE = 0;
    /** Folds to more than one code point (a ligature, {@code ß}); see {@link #expansion}. */
    static final int EXPANSION = 1;
    /** Spaces, punctuation and symbols: they separate words. */
    static final int SEPARATOR = 2;
    /** A separator that may also stand for a letter inside a word ({@code @} for {@code a}). */
    static final int SYMBOL = 3;
    /** A letter (or mark, or number) of a script written with spaces between words. */
    static final int LETTER = 4;
    /** An ASCII digit: part of a word, may stand for a letter. */
    static final int DIGIT = 5;
    /** A letter of a script written without spaces between words (Han, kana, Thai...). */
    static final int UNSPACED = 6;
    /**
     * A letter of a spaced script that looks like more than one ASCII letter: Greek {@code Η}
     * is an H, but a sender who wrote {@code η} (an n) and then upper-cased the message sent it
     * too; Lisu {@code ꓲ} is an I or an l. Its code bits hold up to three readings, ASCII letters
     * of {@link #READING_BITS} bits each, the first in the lowest bits (see {@link #readings}).
     */
    static final int LOOKALIKE = 7;
    static final int READING_BITS = 7;
    static final int READING_MASK = (1 << READING_BITS) - 1;

    static final int CODE_MASK = 0x1F_FFFF;
    private static final int KIND_SHIFT = 21;
    /** On separators and symbols that end a CJK clause ({@code ，。！「}): CJK terms never span them. */
    static final int HARD = 1 << 24;
    private static final int LEET_SHIFT = 28;

    /** The families that change the table; the others act in the search or at build time. */
    private static final Set<Evasion> TABLE_FAMILIES = EnumSet.of(Evasion.COMPATIBILITY, Evasion.CASE,
            Evasion.MARKS, Evasion.LOOKALIKES, Evasion.INVISIBLES, Evasion.TRADITIONAL_CHINESE, Evasion.LEET);
    private static final Map<Set<Evasion>, FoldTable> TABLES = new ConcurrentHashMap<>();

    /** A bit no computed entry has (it is {@link FoldedText}'s); the kind bits read as a rare kind. */
    private static final int NOT_COMPUTED = 1 << 27;

    private final int[] entries = new int[Character.MAX_CODE_POINT + 1];
    private final Map<Integer, int[]> expansions = new ConcurrentHashMap<>();
    private final CodePointFolder folder;

    private FoldTable(Set<Evasion> evasions) {
        Arrays.fill(entries, NOT_COMPUTED);
        folder = new CodePointFolder(evasions);
    }

    /** The table for these families, shared by every list that tolerates the same ones. */
    static FoldTable of(Set<Evasion> evasions) {
        EnumSet<Evasion> key = EnumSet.noneOf(Evasion.class);
        key.addAll(evasions);
        key.retainAll(TABLE_FAMILIES);
        return TABLES.computeIfAbsent(Set.copyOf(key), FoldTable::new);
    }

    int get(int codePoint) {
        int entry = entries[codePoint];
        return entry != NOT_COMPUTED ? entry : compute(codePoint);
    }

    private synchronized int compute(int codePoint) {
        int[] units = folder.fold(codePoint);
        int entry = switch (units.length) {
            case 0 -> entry(IGNORABLE, codePoint, 0, false);
            case 1 -> units[0];
            default -> {
                expansions.put(codePoint, units);
                yield entry(EXPANSION, codePoint, 0, false);
            }
        };
        entries[codePoint] = entry;
        return entry;
    }

    /** The entries an {@link #EXPANSION} entry stands for. */
    int[] expansion(int entry) {
        int[] units = expansions.get(code(entry));
        return units != null ? units : expansionSeenUnderLock(code(entry));
    }

    /** For a reader that saw the racy entry before the map's update became visible to it. */
    private synchronized int[] expansionSeenUnderLock(int codePoint) {
        return expansions.get(codePoint);
    }

    static int entry(int kind, int code, int leet, boolean hard) {
        assert leet <= 15 && code <= CODE_MASK;
        return code | kind << KIND_SHIFT | leet << LEET_SHIFT | (hard ? HARD : 0);
    }

    static int kind(int entry) {
        return (entry >>> KIND_SHIFT) & 7;
    }

    static int code(int entry) {
        return entry & CODE_MASK;
    }

    static int leet(int entry) {
        return entry >>> LEET_SHIFT;
    }

    static boolean hard(int entry) {
        return (entry & HARD) != 0;
    }

    /** A {@link #LOOKALIKE} entry for two or three readings (ASCII letters), the first the usual one. */
    static int lookalike(String readings) {
        assert readings.length() > 1 && readings.length() <= 3 && readings.chars().allMatch(r -> r > 0 && r <= READING_MASK);
        int code = 0;
        for (int i = readings.length() - 1; i >= 0; i--) code = code << READING_BITS | readings.charAt(i);
        return entry(LOOKALIKE, code, 0, false);
    }

    /**
     * A {@link #LOOKALIKE} entry's readings, packed: read {@code readings & READING_MASK}, then
     * shift right by {@link #READING_BITS}, until nothing is left.
     */
    static int readings(int entry) {
        return code(entry);
    }

    /** The code point the entry stands for in a term's key or a regex's text: a look-alike's first reading. */
    static int keyCode(int entry) {
        return kind(entry) == LOOKALIKE ? code(entry) & READING_MASK : code(entry);
    }
}
