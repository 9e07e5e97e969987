package org.stoa.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every evasion family, in several kinds each, found with the exact span the sender wrote. */
class EvasionFamiliesTest {

    private static final TermMatcher MATCHER = TermMatcher.build(
            new TermList("test", List.of("casino", "free money", "赌博", "彩票代购", "bank password", "spam link")));

    static Stream<Arguments> disguises() {
        return Stream.of(
                // family, term, disguise
                Arguments.of("plain", "casino", "casino"),
                Arguments.of("full-width", "casino", "ｃａｓｉｎｏ"),
                Arguments.of("full-width phrase", "free money", "ｆｒｅｅ　ｍｏｎｅｙ"),
                Arguments.of("circled", "casino", "ⓒⓐⓢⓘⓝⓞ"),
                Arguments.of("mathematical bold", "casino", "𝐜𝐚𝐬𝐢𝐧𝐨"),
                Arguments.of("mathematical double-struck", "casino", "𝕔𝕒𝕤𝕚𝕟𝕠"),
                Arguments.of("mathematical fraktur capitals", "casino", "𝕮𝕬𝕾𝕴𝕹𝕺"),
                Arguments.of("negative circled", "casino", "🅒🅐🅢🅘🅝🅞"),
                Arguments.of("upper case", "casino", "CASINO"),
                Arguments.of("mixed case", "free money", "FrEe MoNeY"),
                Arguments.of("precomposed accents", "casino", "cásíñò"),
                Arguments.of("combining accents", "casino", "ca\u0301si\u0308no\u0302"),
                Arguments.of("stacked marks", "casino", "c\u0336\u0301a\u0338s\u0300\u0323i\u030an\u0327o\u0303"),
                Arguments.of("stroke letters", "bank password", "bank pαsswørd"),
                Arguments.of("Cyrillic look-alikes", "casino", "саsіnо"),
                Arguments.of("Greek look-alikes", "casino", "cαsιnο"),
                Arguments.of("Armenian look-alike", "casino", "casinօ"),
                Arguments.of("Greek kappa", "bank password", "baηκ password"),
                Arguments.of("small capitals", "casino", "ᴄᴀsɪɴᴏ"),
                Arguments.of("zero-width space", "casino", "ca\u200bsino"),
                Arguments.of("zero-width joiners", "casino", "c\u200da\u200cs\u2060i\uFEFFn\u034Fo"),
                Arguments.of("soft hyphens", "bank password", "ba\u00adnk pass\u00adword"),
                Arguments.of("spaced letters", "casino", "c a s i n o"),
                Arguments.of("dotted letters", "casino", "c.a.s.i.n.o"),
                Arguments.of("bulleted letters", "casino", "c•a•s•i•n•o"),
                Arguments.of("mixed separators", "casino", "c~a|s*i+n/o"),
                Arguments.of("spaced phrase", "free money", "f r e e   m o n e y"),
                Arguments.of("dotted phrase", "free money", "f.r.e.e m.o.n.e.y"),
                Arguments.of("glued phrase", "free money", "freemoney"),
                Arguments.of("hyphenated phrase", "free money", "free-money"),
                Arguments.of("repeated letters", "casino", "caaasinooo"),
                Arguments.of("repeated doubled letter", "bank password", "bank passsssword"),
                Arguments.of("digits for letters", "casino", "c4s1n0"),
                Arguments.of("symbols for letters", "bank password", "b@nk pa$$word"),
                Arguments.of("symbol ending a word", "free money", "fr€€ mon€y"),
                Arguments.of("symbol starting a word", "spam link", "$pam l!nk"),
                Arguments.of("Traditional Chinese", "赌博", "賭博"),
                Arguments.of("space between CJK", "赌博", "赌 博"),
                Arguments.of("ideographic space", "彩票代购", "彩　票　代　购"),
                Arguments.of("symbols between CJK", "彩票代购", "彩*票.代_购"),
                Arguments.of("zero-width between CJK", "赌博", "赌\u200b博"),
                Arguments.of("Traditional with separators", "彩票代购", "彩·票|代-購"),
                Arguments.of("full-width CJK compatibility", "赌博", "賭\u3000博"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("disguises")
    void findsTheTermWhereverTheSenderHidIt(String family, String term, String disguise) {
        String message = "hey 🙂 look: " + disguise + " dm me";

        List<TermMatch> found = MATCHER.find(message);

        assertThat(found).extracting(TermMatch::term).contains(term);
        TermMatch match = found.stream().filter(m -> m.term().equals(term)).findFirst().orElseThrow();
        assertThat(match.quote(message)).isEqualTo(disguise);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("pinyin")
    void findsChineseTermsInToneLessPinyinWhenAsked(String term, String spelled) {
        TermListOptions options = TermListOptions.DEFAULTS.withEvasions(java.util.EnumSet.allOf(Evasion.class));
        TermMatcher matcher = TermMatcher.build(new TermList("zh", List.of(term), options));
        String message = "朋友推荐" + spelled + "，快来看看";

        assertThat(matcher.find(message)).extracting(m -> m.quote(message)).containsExactly(spelled);
        assertThat(MATCHER.find(message)).isEmpty();
    }

    static Stream<Arguments> pinyin() {
        return Stream.of(Arguments.of("赌博", "dubo"), Arguments.of("赌博", "du bo"), Arguments.of("彩票代购", "CaiPiaoDaiGou"),
                Arguments.of("贷款", "d.a.i.k.u.a.n"));
    }
}
