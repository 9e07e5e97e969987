package org.stoa.engine.text;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Ways senders disguise a term, for the tests that generate variants at random (fixed seeds):
 * tables of look-alike letters in small and capital forms, separators, invisible characters and
 * marks, and the operations that apply them.
 */
final class Disguises {

    /** One trick: the term (or what earlier tricks made of it) in, its disguise out. */
    @FunctionalInterface
    interface Trick {
        String apply(String term, Random random);
    }

    static final String COMBINING_MARKS = "\u0301\u0300\u0302\u0308\u030a\u0327\u0303\u0304\u030c\u0323\u0336\u0338\u0306\u0307\u0331";
    static final String[] INVISIBLES = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u2061",
        "\u2063", "\u034f", "\ufe0f", "\u200e", "\u2064"};
    /** Between the letters of a word, one kind each time or several mixed. */
    static final String LATIN_SEPARATORS = ".-_/*+|~·•,:=^'\\#%";

    /** Letters of other scripts that look like Latin ones, small letters and capitals. */
    static final Map<Character, String> CYRILLIC = table(
            "aа cс eе oо pр xх yу iі sѕ jј hһ dԁ wԝ qԛ",
            "AА BВ CС EЕ HН IІ JЈ KК MМ OО PР SЅ TТ XХ YҮУ");
    static final Map<Character, String> GREEK = table(
            "oο vν pρ iι kκ uυ aα nη",
            "AΑ BΒ EΕ HΗ IΙ KΚ MΜ NΝ OΟ PΡ TΤ XΧ YΥ ZΖ");
    /** Armenian, Cherokee, Lisu, Coptic, Latin small capitals and other Latin variants. */
    static final Map<Character, String> OTHER_SCRIPTS = table(
            "gɡ iı lӏ oօⲟ nո uս hհ eҽ sꜱ rʀ tᴛ mᴍ wᴡ cᴄⲥ aᴀ bʙ dᴅ kᴋ pᴘⲣ yʏ zᴢ vᴠ fꜰ",
            "AꓮᎪ BꓐᏴ CꓚᏟⲤ DꓓᎠ EꓰᎬ Fꓝ GꓖᏀ HꓧᎻⲎ IꓲⲒ JꓙᎫ KꓗᏦⲔ LꓡᏞ MꓟᎷⲘ NꓠⲚ OꓳⲞՕ PꓑᏢⲢ RꓣᎡ SꓢᏚ TꓔᎢⲦ UꓴՍ VꓦᏙ WꓪᏔ XꓫⲬ Yꓬ ZꓜᏃ");
    static final Map<Character, String> LEET = table("a4@ e3€ i1! o0 s5$ t7 l1| b8 g9", "");

    private Disguises() {}

    /** Replaces each letter {@code f} gives a replacement for (null: keep it). */
    static String map(String text, Function<Character, String> f) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            String replacement = f.apply(c);
            out.append(replacement == null ? String.valueOf(c) : replacement);
        }
        return out.toString();
    }

    /** Replaces about half the letters that have look-alikes (by one of them), and at least one. */
    static String lookAlike(String term, Map<Character, String> table, Random random) {
        Function<Character, String> pick = c -> {
            String choices = table.get(c);
            return String.valueOf(choices.charAt(random.nextInt(choices.length())));
        };
        String disguised = map(term, c -> table.containsKey(c) && random.nextBoolean() ? pick.apply(c) : null);
        if (!disguised.equals(term)) return disguised;
        for (int i = 0; i < term.length(); i++) {
            if (table.containsKey(term.charAt(i))) return term.substring(0, i) + pick.apply(term.charAt(i)) + term.substring(i + 1);
        }
        return term;
    }

    /** Applies {@code f} to each word of a phrase, keeping one space between words. */
    static String perWord(String term, UnaryOperator<String> f) {
        return Arrays.stream(term.split(" ")).map(f).collect(Collectors.joining(" "));
    }

    /** The characters of each word with {@code separator} between every two of them (code points, so marks stay on). */
    static String between(String word, Function<Integer, String> separator) {
        StringBuilder out = new StringBuilder();
        int[] units = letterUnits(word);
        for (int i = 0; i < units.length; i++) {
            if (i > 0) out.append(separator.apply(i));
            out.append(word, units[i], i + 1 < units.length ? units[i + 1] : word.length());
        }
        return out.toString();
    }

    /** Where each letter with its trailing combining marks starts, in chars. */
    private static int[] letterUnits(String word) {
        return IntStream.range(0, word.length())
                .filter(i -> !Character.isLowSurrogate(word.charAt(i)) && !isMark(word.codePointAt(i)))
                .toArray();
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    /** Between {@code min} and {@code max} combining marks at random. */
    static String marks(Random random, int min, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = min + random.nextInt(max - min + 1); i > 0; i--) {
            out.append(COMBINING_MARKS.charAt(random.nextInt(COMBINING_MARKS.length())));
        }
        return out.toString();
    }

    static char randomOf(String choices, Random random) {
        return choices.charAt(random.nextInt(choices.length()));
    }

    /** A table from groups such as {@code "aа"} (a letter, then its look-alikes), small letters' and capitals'. */
    static Map<Character, String> table(String small, String capital) {
        Map<Character, String> table = new LinkedHashMap<>();
        for (String group : (small + " " + capital).trim().split(" +")) {
            table.put(group.charAt(0), group.substring(1));
        }
        return Map.copyOf(table);
    }
}
