package org.stoa.engine.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.BitSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes one {@link FoldTable} entry from ICU's data: NFKC and case folding, combining marks
 * stripped, look-alikes mapped to the ASCII letters they imitate (UTS #39 skeletons, and letter
 * names for Latin variants), Traditional Chinese to Simplified, and the kind of each result.
 * Called once per code point and table, the first time the code point is seen.
 */
final class CodePointFolder {

    /** Scripts written without spaces between words: terms in them match inside runs of text. */
    private static final int[] UNSPACED_SCRIPTS = {UScript.HAN, UScript.HIRAGANA, UScript.KATAKANA,
        UScript.BOPOMOFO, UScript.THAI, UScript.LAO, UScript.KHMER, UScript.MYANMAR, UScript.TIBETAN, UScript.YI};
    /** "LATIN SMALL LETTER O WITH STROKE", "LATIN LETTER SMALL CAPITAL R", "NEGATIVE CIRCLED LATIN CAPITAL LETTER A". */
    private static final Pattern LETTER_NAME = Pattern.compile("\\bLETTER (?:SMALL CAPITAL )?([A-Z])( WITH .*)?$");
    /**
     * Latin letters UTS #39 gives as the look-alike of others (κ and к are ĸ, м is ʍ) but which
     * are themselves not ASCII, with the ASCII letter they look like.
     */
    private static final Map<Integer, String> LATIN_LOOKALIKE_TARGETS = Map.of((int) 'ĸ', "k", (int) 'ʍ', "m", (int) 'ƅ', "b");
    private static final int KANA_VOICED_MARK = 0x3099;
    private static final int KANA_SEMI_VOICED_MARK = 0x309A;

    private final Set<Evasion> evasions;
    private final Normalizer2 normalizer;
    private final Normalizer2 nfd = Normalizer2.getNFDInstance();
    private final Normalizer2 nfc = Normalizer2.getNFCInstance();
    // Loaded on first need (each costs some 50 ms), not by lists that never meet such characters.
    private SpoofChecker spoofChecker;
    private TraditionalChinese traditional;

    CodePointFolder(Set<Evasion> evasions) {
        this.evasions = evasions;
        boolean compatibility = evasions.contains(Evasion.COMPATIBILITY);
        boolean caseless = evasions.contains(Evasion.CASE);
        this.normalizer = compatibility && caseless ? Normalizer2.getNFKCCasefoldInstance()
                : compatibility ? Normalizer2.getNFKCInstance() : null;
    }

    /**
     * The table entries {@code c} folds to: none for an ignorable, usually one, sometimes more.
     * Not thread-safe: {@link FoldTable} calls it under its lock.
     */
    int[] fold(int c) {
        int type = UCharacter.getType(c);
        if (type == UCharacter.UNASSIGNED || type == UCharacter.PRIVATE_USE || type == UCharacter.SURROGATE) {
            return new int[] {FoldTable.entry(FoldTable.SEPARATOR, c, 0, false)};
        }
        if (isInvisible(c, type)) {
            return evasions.contains(Evasion.INVISIBLES) ? new int[0] : opaque(c);
        }
        if (isAccent(c, type)) {
            return evasions.contains(Evasion.MARKS) ? new int[0] : opaque(c);
        }
        String folded = Character.toString(c);
        if (!isInert(c) || !foldLetter(c).equals(folded)) folded = foldToFixpoint(folded);
        if (folded.isEmpty()) return new int[0];
        if (isSymbol(type) && folded.codePointCount(0, folded.length()) > 1) {
            // ™ is "tm" and ㎏ is "kg" under NFKC: letters that were never written as a word.
            return new int[] {FoldTable.entry(FoldTable.SEPARATOR, c, 0, endsClause(c, type))};
        }
        int[] units = folded.codePoints().map(r -> classify(r, c, type)).toArray();
        if (units.length == 1 && FoldTable.kind(units[0]) == FoldTable.LETTER) units[0] = withReadings(c, units[0]);
        return units;
    }

    /**
     * A letter that imitates Latin ones, read as every ASCII letter it may stand for: what it
     * looks like as written and, as case does not count, what its other case looks like. Greek
     * {@code Η} is an H, but its small form {@code η} is an n, and a sender may have picked
     * either and changed the case afterwards; UTS #39 gives capital I's look-alikes the skeleton
     * l, so a look-alike of l may be an i too. Letters that are ASCII ones with accents keep the
     * one reading they have.
     */
    private int withReadings(int c, int entry) {
        if (c < 0x80 || !evasions.contains(Evasion.LOOKALIKES) || !evasions.contains(Evasion.CASE)
                || !mayImitateLatin(c) || isAccentedAscii(c)) {
            return entry;
        }
        StringBuilder readings = new StringBuilder();
        addReading(readings, FoldTable.code(entry));
        for (int form : new int[] {c, UCharacter.toUpperCase(c), UCharacter.toLowerCase(c)}) {
            String ascii = asciiLookalike(form);
            if (ascii != null && ascii.length() == 1) addReading(readings, Character.toLowerCase(ascii.charAt(0)));
        }
        if (readings.indexOf("l") >= 0) addReading(readings, 'i');
        return switch (readings.length()) {
            case 0 -> entry;
            case 1 -> FoldTable.entry(FoldTable.LETTER, readings.charAt(0), 0, false);
            default -> FoldTable.lookalike(readings.substring(0, Math.min(3, readings.length())));
        };
    }

    private static void addReading(StringBuilder readings, int letter) {
        if (letter >= 'a' && letter <= 'z' && readings.indexOf(String.valueOf((char) letter)) < 0) readings.append((char) letter);
    }

    /** {@code é}, {@code Ñ}: an ASCII letter and accents. */
    private boolean isAccentedAscii(int c) {
        String decomposed = nfd.normalize(Character.toString(c));
        return decomposed.charAt(0) < 0x80 && stripAccents(decomposed).length() == 1;
    }

    private static int[] opaque(int c) {
        return new int[] {FoldTable.entry(FoldTable.LETTER, c, 0, false)};
    }

    /** Zero-width and other default-ignorable characters, and format controls such as the soft hyphen. */
    private static boolean isInvisible(int c, int type) {
        return type == UCharacter.FORMAT || UCharacter.hasBinaryProperty(c, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
    }

    /**
     * Combining marks shared by all scripts (accents, overlays, "Zalgo" stacks). Script-specific
     * marks such as Devanagari vowel signs are letters, and so are the kana voicing marks, which
     * change the sound rather than decorate it.
     */
    private static boolean isAccent(int c, int type) {
        return (type == UCharacter.NON_SPACING_MARK || type == UCharacter.ENCLOSING_MARK)
                && UScript.getScript(c) == UScript.INHERITED
                && c != KANA_VOICED_MARK && c != KANA_SEMI_VOICED_MARK;
    }

    /** Most code points (all of Han and Hangul, most letters) pass normalization unchanged: skip it. */
    private boolean isInert(int c) {
        return (normalizer == null || normalizer.isInert(c)) && nfd.isInert(c) && UCharacter.foldCase(c, true) == c;
    }

    /** Folding may expose something foldable again (a skeleton "H" still needs case folding). */
    private String foldToFixpoint(String s) {
        for (int round = 0; round < 4; round++) {
            String next = foldOnce(s);
            if (next.equals(s)) return s;
            s = next;
        }
        return s;
    }

    private String foldOnce(String s) {
        if (normalizer != null) {
            s = normalizer.normalize(s);
        } else if (evasions.contains(Evasion.CASE)) {
            s = UCharacter.foldCase(s, true);
        }
        if (evasions.contains(Evasion.MARKS)) s = nfc.normalize(stripAccents(nfd.normalize(s)));
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(r -> out.append(foldLetter(r)));
        return out.toString();
    }

    private String stripAccents(String decomposed) {
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints().filter(r -> !isAccent(r, UCharacter.getType(r))).forEach(out::appendCodePoint);
        return out.toString();
    }

    private String foldLetter(int r) {
        if (evasions.contains(Evasion.TRADITIONAL_CHINESE) && UScript.getScript(r) == UScript.HAN) {
            if (traditional == null) traditional = TraditionalChinese.load();
            if (traditional.isTraditional(r)) return Character.toString(traditional.simplified(r));
        }
        if (r >= 0x80 && evasions.contains(Evasion.COMPATIBILITY) && UCharacter.getType(r) == UCharacter.DECIMAL_DIGIT_NUMBER) {
            return Character.toString('0' + UCharacter.digit(r, 10));
        }
        if (r >= 0x80 && evasions.contains(Evasion.LOOKALIKES) && mayImitateLatin(r)) {
            String ascii = asciiLookalike(r);
            if (ascii != null) return ascii;
        }
        return Character.toString(r);
    }

    private static boolean mayImitateLatin(int r) {
        int type = UCharacter.getType(r);
        boolean letterlike = UCharacter.isLetter(r) || type == UCharacter.LETTER_NUMBER || type == UCharacter.OTHER_NUMBER;
        return (letterlike && !isUnspaced(r)) || isEnclosedLetterSymbol(r, type);
    }

    /** 🅐, 🄰, 🇦: symbols named after a Latin letter (NFKC maps only some of them). */
    private static boolean isEnclosedLetterSymbol(int r, int type) {
        return type == UCharacter.OTHER_SYMBOL && r >= 0x1F100 && r <= 0x1F1FF;
    }

    /** The ASCII letters {@code r} imitates, or null if it does not look like ASCII. */
    private String asciiLookalike(int r) {
        if (spoofChecker == null) spoofChecker = new SpoofChecker.Builder().build();
        String skeleton = nfd.normalize(spoofChecker.getSkeleton(0, Character.toString(r)));
        // ø's skeleton is o and a combining stroke: the stroke is a mark, which the list may mind.
        if (evasions.contains(Evasion.MARKS)) skeleton = stripAccents(skeleton);
        if (isAsciiAlphanumeric(skeleton)) return skeleton;
        String named = asciiByName(r);
        if (named != null) return named;
        // The skeleton may be a Latin letter that is not ASCII: τ and т are ᴛ, a small capital T.
        int target = skeleton.codePointAt(0);
        if (skeleton.length() != Character.charCount(target) || target == r) return null;
        return LATIN_LOOKALIKE_TARGETS.getOrDefault(target, asciiByName(target));
    }

    /** The letter a Latin variant or an enclosed letter is named after ("... WITH STROKE" only if marks are tolerated), or null. */
    private String asciiByName(int r) {
        if (UScript.getScript(r) != UScript.LATIN && !isEnclosedLetterSymbol(r, UCharacter.getType(r))) return null;
        Matcher name = LETTER_NAME.matcher(UCharacter.getName(r));
        boolean plain = name.find() && (name.group(2) == null || evasions.contains(Evasion.MARKS));
        return plain ? name.group(1) : null;
    }

    private static boolean isAsciiAlphanumeric(String s) {
        return !s.isEmpty() && s.chars().allMatch(ch -> ch < 0x80 && Character.isLetterOrDigit(ch));
    }

    private int classify(int r, int original, int originalType) {
        int type = UCharacter.getType(r);
        boolean hard = endsClause(original, originalType);
        switch (type) {
            case UCharacter.DECIMAL_DIGIT_NUMBER:
                if (r < 0x80) return FoldTable.entry(FoldTable.DIGIT, r, leetIndex(r), false);
                return FoldTable.entry(FoldTable.LETTER, r, 0, false);
            case UCharacter.SPACE_SEPARATOR, UCharacter.LINE_SEPARATOR, UCharacter.PARAGRAPH_SEPARATOR,
                    UCharacter.CONTROL, UCharacter.UNASSIGNED, UCharacter.PRIVATE_USE, UCharacter.SURROGATE:
                return FoldTable.entry(FoldTable.SEPARATOR, r, 0, hard);
            default:
                if (isPunctuationOrSymbol(type)) {
                    int leet = leetIndex(r);
                    return FoldTable.entry(leet == 0 ? FoldTable.SEPARATOR : FoldTable.SYMBOL, r, leet, hard);
                }
                return FoldTable.entry(isUnspaced(r) ? FoldTable.UNSPACED : FoldTable.LETTER, r, 0, false);
        }
    }

    private int leetIndex(int r) {
        return evasions.contains(Evasion.LEET) ? Leet.indexOf(r) : 0;
    }

    /**
     * What divides CJK text into clauses, cells or quotations, not letters of one word: clause
     * and sentence punctuation, brackets and quotes (with {@code <>}, used as quotes), box drawing.
     * The ASCII full stop is left out because evaders use it between characters.
     */
    private static boolean endsClause(int c, int type) {
        return c != '.' && (UCharacter.hasBinaryProperty(c, UProperty.TERMINAL_PUNCTUATION)
                || type == UCharacter.START_PUNCTUATION || type == UCharacter.END_PUNCTUATION
                || type == UCharacter.INITIAL_PUNCTUATION || type == UCharacter.FINAL_PUNCTUATION
                || c == '<' || c == '>' || UCharacter.UnicodeBlock.of(c) == UCharacter.UnicodeBlock.BOX_DRAWING);
    }

    private static boolean isSymbol(int type) {
        return type == UCharacter.MATH_SYMBOL || type == UCharacter.CURRENCY_SYMBOL
                || type == UCharacter.MODIFIER_SYMBOL || type == UCharacter.OTHER_SYMBOL;
    }

    private static boolean isPunctuationOrSymbol(int type) {
        return isSymbol(type) || switch (type) {
            case UCharacter.DASH_PUNCTUATION, UCharacter.START_PUNCTUATION, UCharacter.END_PUNCTUATION,
                    UCharacter.CONNECTOR_PUNCTUATION, UCharacter.OTHER_PUNCTUATION,
                    UCharacter.INITIAL_PUNCTUATION, UCharacter.FINAL_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean isUnspaced(int r) {
        BitSet scripts = new BitSet();
        UScript.getScriptExtensions(r, scripts);
        for (int script : UNSPACED_SCRIPTS) {
            if (scripts.get(script)) return true;
        }
        return false;
    }
}
