package org.stoa.engine.text;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Transliterator;

/** Toneless pinyin spellings of Chinese terms ({@code du bo} for {@code 赌博}), made while a list is built. */
final class Pinyin {

    private final Transliterator hanToAscii = Transliterator.getInstance("Han-Latin; Latin-ASCII");

    /** The term in pinyin, one syllable a word, or null if it has no Han character. */
    String of(String term) {
        boolean han = term.codePoints().anyMatch(c -> UScript.getScript(c) == UScript.HAN);
        return han ? hanToAscii.transliterate(term) : null;
    }
}
