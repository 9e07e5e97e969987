package org.stoa.engine.text;

import com.ibm.icu.text.SpoofChecker;
import java.util.EnumSet;
import java.util.Locale;

/**
 * The confusable skeleton of a name: two names that a reader cannot tell apart have the same one,
 * so that {@code alice}, {@code аlice} (a Cyrillic а), {@code ａｌｉｃｅ} (full-width) and
 * {@code a1ice} cannot all be different people. Each character is folded as the term matcher folds
 * it (compatibility forms, case, accents, look-alikes from other scripts read as the ASCII letter
 * they usually imitate, invisible characters dropped), then UTS #39's skeleton (ICU) maps what still
 * looks alike within ASCII ({@code 1} and {@code l}, {@code 0} and {@code o}, {@code rn} and
 * {@code m}). Thread-safe.
 */
public final class Skeleton {

    private static final FoldTable TABLE = FoldTable.of(EnumSet.of(Evasion.COMPATIBILITY, Evasion.CASE, Evasion.MARKS,
            Evasion.LOOKALIKES, Evasion.INVISIBLES));
    // Thread-safe once built (ICU: its checks of identifiers may run on many threads).
    private static final SpoofChecker SPOOF_CHECKER = new SpoofChecker.Builder().build();

    private Skeleton() {}

    /** The skeleton of {@code name}; names that look alike share it. */
    public static String of(String name) {
        StringBuilder folded = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            int entry = TABLE.get(c);
            switch (FoldTable.kind(entry)) {
                case FoldTable.IGNORABLE -> { }
                case FoldTable.EXPANSION -> {
                    for (int unit : TABLE.expansion(entry)) folded.appendCodePoint(FoldTable.keyCode(unit));
                }
                default -> folded.appendCodePoint(FoldTable.keyCode(entry));
            }
        }
        return SPOOF_CHECKER.getSkeleton(0, folded.toString()).toLowerCase(Locale.ROOT);
    }
}
