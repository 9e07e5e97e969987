package org.stoa.engine.text;

import java.util.EnumSet;
import java.util.Set;

/**
 * A family of tricks people use to write a listed term so that a plain filter misses it. A term
 * list tolerates each family or not; {@link #DEFAULTS} tolerates all but {@link #PINYIN}.
 */
public enum Evasion {
    /** Unicode compatibility forms: full-width, circled, mathematical and other styled letters, ligatures, other digits. */
    COMPATIBILITY,
    /** Upper, lower and mixed case. */
    CASE,
    /** Accents and other combining marks ({@code casíno}), and Latin letters with strokes ({@code ø}, {@code ł}). */
    MARKS,
    /**
     * Look-alike letters from other scripts ({@code cаsino} with a Cyrillic а), from Unicode's
     * confusables data (UTS #39), in either case ({@code ΗΙΤΜΑΝ} in Greek capitals).
     */
    LOOKALIKES,
    /** Zero-width and other default-ignorable characters between the letters. */
    INVISIBLES,
    /**
     * Letters spelled apart ({@code c a s i n o}, {@code c.a.s.i.n.o}) and separators between CJK
     * characters ({@code 赌 博}, {@code 网，上，赌，场}).
     */
    SEPARATORS,
    /** Repeated letters ({@code caaasino}). */
    REPEATS,
    /** Digits and symbols standing for letters inside a word ({@code c4s1n0}, {@code b@nk}). */
    LEET,
    /** Traditional Chinese characters for Simplified ones ({@code 賭博} for {@code 赌博}). */
    TRADITIONAL_CHINESE,
    /** Chinese terms written in toneless pinyin ({@code dubo} for {@code 赌博}); off by default. */
    PINYIN;

    /** Every family except {@link #PINYIN}. */
    public static final Set<Evasion> DEFAULTS = Set.copyOf(EnumSet.complementOf(EnumSet.of(PINYIN)));
}
