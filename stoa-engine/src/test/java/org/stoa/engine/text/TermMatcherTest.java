package org.stoa.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TermMatcherTest {

    private static TermMatcher matcher(String... terms) {
        return TermMatcher.build(new TermList("test", List.of(terms)));
    }

    private static TermMatcher matcher(TermListOptions options, String... terms) {
        return TermMatcher.build(new TermList("test", List.of(terms), options));
    }

    @Test
    void reportsTheTermAsWrittenInTheListWithCodePointOffsets() {
        String text = "😀😀 Casino? ｃａｓｉｎｏ!";

        List<TermMatch> found = matcher("CASINO").find(text);

        assertThat(found).containsExactly(new TermMatch("CASINO", 3, 9), new TermMatch("CASINO", 11, 17));
        assertThat(found).extracting(m -> m.quote(text)).containsExactly("Casino", "ｃａｓｉｎｏ");
    }

    @Test
    void reportsEveryOccurrenceOfEveryTermInTextOrder() {
        String text = "poker night, free bitcoin and more poker";

        assertThat(matcher("poker", "free bitcoin", "bitcoin").find(text)).containsExactly(
                new TermMatch("poker", 0, 5), new TermMatch("free bitcoin", 13, 25),
                new TermMatch("bitcoin", 18, 25), new TermMatch("poker", 35, 40));
    }

    @Test
    void reportsEachTermWrittenDifferentlyThatFoldsToTheSameKey() {
        assertThat(matcher("赌博", "賭博").find("网上赌博")).extracting(TermMatch::term).containsExactlyInAnyOrder("赌博", "賭博");
    }

    @Test
    void spanReachesOverAccentsAndInvisibleCharactersAfterTheLastLetter() {
        String text = "casino\u0301\u200b now";

        assertThat(matcher("casino").find(text)).extracting(m -> m.quote(text)).containsExactly("casino\u0301\u200b");
    }

    @Test
    void matchesTermsMixingLatinAndChineseLetters() {
        assertThat(matcher("QQ群").find("加ＱＱ群吧")).extracting(TermMatch::term).containsExactly("QQ群");
    }

    @Test
    void readsPunctuationInsideATermAsASpaceBetweenWords() {
        assertThat(matcher("fake-id").find("got a fake id?")).extracting(TermMatch::term).containsExactly("fake-id");
    }

    @Test
    void dropsMatchesInsideAnAllowedPhraseOnly() {
        TermListOptions options = TermListOptions.DEFAULTS.withAllowed(List.of("kill time"));
        TermMatcher matcher = matcher(options, "kill");

        assertThat(matcher.find("let's kill time, then k i l l them")).containsExactly(new TermMatch("kill", 22, 29));
    }

    @Test
    void matchesInsideWordsWhenWholeWordsAreOff() {
        TermMatcher matcher = matcher(TermListOptions.DEFAULTS.withWholeWords(false), "cat");

        assertThat(matcher.find("concatenate")).containsExactly(new TermMatch("cat", 3, 6));
        assertThat(matcher("cat").find("concatenate")).isEmpty();
    }

    static Stream<Arguments> families() {
        return Stream.of(
                Arguments.of(Evasion.COMPATIBILITY, "ⓒⓐⓢⓘⓝⓞ"),
                Arguments.of(Evasion.CASE, "CASINO"),
                Arguments.of(Evasion.MARKS, "cásino"),
                Arguments.of(Evasion.LOOKALIKES, "cаsino"),
                Arguments.of(Evasion.INVISIBLES, "cas\u200bino"),
                Arguments.of(Evasion.SEPARATORS, "c a s i n o"),
                Arguments.of(Evasion.REPEATS, "caaasino"),
                Arguments.of(Evasion.LEET, "c4sino"),
                Arguments.of(Evasion.TRADITIONAL_CHINESE, "賭博"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void toleratesOnlyTheFamiliesTheListAllows(Evasion family, String disguise) {
        Set<Evasion> without = EnumSet.copyOf(Evasion.DEFAULTS);
        without.remove(family);

        assertThat(matcher("casino", "赌博").find(disguise)).hasSize(1);
        assertThat(matcher(TermListOptions.DEFAULTS.withEvasions(without), "casino", "赌博").find(disguise)).isEmpty();
    }

    @Test
    void anEmptyListMatchesNothing() {
        assertThat(matcher().find("anything at all")).isEmpty();
    }

    @Test
    void rejectsATermWithNoLetterOrDigit() {
        assertThatThrownBy(() -> matcher("ok", " -- ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--");
    }

    @Test
    void digitsAloneNeverSpellALetterTermButDigitTermsMatch() {
        assertThat(matcher("leet", "1337").find("1337")).extracting(TermMatch::term).containsExactly("1337");
        assertThat(matcher("leet").find("l33t")).extracting(TermMatch::term).containsExactly("leet");
    }

    @Test
    void keepsTheShortestSpanWhenReadingsOfOneOccurrenceDiffer() {
        String text = "cast a spell!";

        assertThat(matcher("spell").find(text)).extracting(m -> m.quote(text)).containsExactly("spell");
    }
}
