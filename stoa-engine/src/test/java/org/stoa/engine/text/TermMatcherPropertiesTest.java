package org.stoa.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class TermMatcherPropertiesTest {

    private static final List<String> TERMS = List.of("casino", "free money", "poker", "赌博", "彩票", "x");
    private static final TermMatcher MATCHER = TermMatcher.build(new TermList("p", TERMS));

    @Property(tries = 2000)
    void anyTextGivesSortedSpansInsideIt(@ForAll("anyText") String text) {
        List<TermMatch> found = MATCHER.find(text);

        int length = text.codePointCount(0, text.length());
        assertThat(found).allSatisfy(m -> {
            assertThat(m.end()).isLessThanOrEqualTo(length);
            assertThat(TERMS).contains(m.term());
        });
        assertThat(found).isSortedAccordingTo(java.util.Comparator.comparingInt(TermMatch::start));
    }

    @Property(tries = 500)
    void aTermBetweenSpacesIsFoundWhereItStands(@ForAll("anyText") String before, @ForAll("anyText") String after,
            @ForAll("term") String term) {
        String text = before + " " + term + " " + after;
        int start = (before + " ").codePointCount(0, before.length() + 1);

        assertThat(MATCHER.find(text)).contains(new TermMatch(term, start, start + term.codePointCount(0, term.length())));
    }

    /** A disguise of each letter, one family at a time: the span found quotes the disguise exactly. */
    @Property(tries = 1000)
    void aDisguisedTermIsFoundAndQuotedAsWritten(@ForAll("disguised") String disguise) {
        String text = "so, " + disguise + " tonight?";

        List<TermMatch> found = MATCHER.find(text);

        assertThat(found).extracting(TermMatch::term).contains("casino");
        assertThat(found).filteredOn(m -> m.term().equals("casino")).extracting(m -> m.quote(text)).containsExactly(disguise);
    }

    @Property(tries = 1000)
    void utf8BytesFindWhatTheirStringFinds(@ForAll("anyText") String text, @ForAll byte[] noise, @ForAll boolean withNoise) {
        byte[] bytes = withNoise ? noise : text.getBytes(StandardCharsets.UTF_8);
        String decoded = new String(bytes, StandardCharsets.UTF_8);
        boolean[] malformed = {false};

        List<TermMatch> found = MATCHER.findInUtf8(bytes, 0, bytes.length, () -> malformed[0] = true);

        assertThat(found).isEqualTo(MATCHER.find(decoded));
        assertThat(malformed[0]).isEqualTo(!isWellFormed(bytes));
    }

    @Property(tries = 300)
    void foldingIsStableSoATermWrittenFoldedMatchesToo(@ForAll @IntRange(max = 0xFFFF) int codePoint) {
        FoldTable table = FoldTable.of(Evasion.DEFAULTS);
        String once = fold(table, Character.toString(codePoint));

        assertThat(fold(table, once)).isEqualTo(once);
    }

    private static boolean isWellFormed(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static String fold(FoldTable table, String text) {
        FoldedText folded = new FoldedText().fold(text, table);
        StringBuilder out = new StringBuilder();
        for (int u = 0; u < folded.length; u++) out.appendCodePoint(FoldTable.keyCode(folded.unit[u]));
        return out.toString();
    }

    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<Character> interesting = Arbitraries.of('a', 'c', 's', 'i', 'n', 'o', ' ', '.', '$', '1', '!', '\u200b',
                '\u0301', '赌', '博', '，', 'ｃ', 'а', '\uD800', '\uDC00', '\uFFFF');
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.strings().withChars(interesting.sample(), interesting.sample(), interesting.sample())
                        .withChars('a', 's', 'i', 'n', 'o', 'c', ' ', '1', '$', '赌', '博', '\u200b', '\uD800')
                        .ofMaxLength(60));
    }

    @Provide
    Arbitrary<String> term() {
        return Arbitraries.of(TERMS);
    }

    @Provide
    Arbitrary<String> disguised() {
        List<IntFunction<String>> families = List.of(
                c -> String.valueOf((char) (c - 'a' + 'ａ')),
                c -> String.valueOf((char) Character.toUpperCase(c)),
                c -> (char) c + "\u0301",
                c -> (char) c + "\u200b",
                c -> String.valueOf((char) c).repeat(3),
                c -> switch (c) {
                    case 'a' -> "а";
                    case 'c' -> "с";
                    case 'o' -> "о";
                    case 'i' -> "і";
                    case 's' -> "ѕ";
                    default -> String.valueOf((char) c);
                },
                c -> switch (c) {
                    case 'a' -> "4";
                    case 'i' -> "1";
                    case 'o' -> "0";
                    case 's' -> "$";
                    default -> String.valueOf((char) c);
                });
        return Combinators.combine(Arbitraries.of(families), Arbitraries.integers().between(0, 63))
                .as((family, which) -> {
                    StringBuilder out = new StringBuilder();
                    String word = "casino";
                    for (int i = 0; i < word.length(); i++) {
                        boolean disguise = (which >> i & 1) == 1;
                        out.append(disguise ? family.apply(word.charAt(i)) : String.valueOf(word.charAt(i)));
                    }
                    return out.toString().replaceAll("\u200b$", "");
                });
    }
}
