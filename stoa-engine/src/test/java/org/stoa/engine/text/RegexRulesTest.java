package org.stoa.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegexRulesTest {

    @Test
    void matchesTheFoldedTextAndReportsSpansOfTheOriginal() {
        RegexRules rules = RegexRules.compile(List.of(new RegexRule("crypto-wallet", "send \\d+ (btc|eth)\\b")));
        String text = "😀 SEND ５0 ＢＴＣ now, or send 3 eth";

        List<RegexMatch> found = rules.find(text);

        assertThat(found).extracting(m -> m.quote(text)).containsExactly("SEND ５0 ＢＴＣ", "send 3 eth");
        assertThat(found).extracting(RegexMatch::ruleId).containsOnly("crypto-wallet");
        assertThat(found.get(0).start()).isEqualTo(2);
    }

    @Test
    void invisibleCharactersAndAccentsDoNotHideAMatch() {
        RegexRules rules = RegexRules.compile(List.of(new RegexRule("link", "bit\\.ly/\\w+")));
        String text = "go to bí\u200bt.ly/abc";

        assertThat(rules.find(text)).extracting(m -> m.quote(text)).containsExactly("bí\u200bt.ly/abc");
    }

    @Test
    void reportsEveryRulesMatchesAndSkipsEmptyOnes() {
        RegexRules rules = RegexRules.compile(List.of(new RegexRule("a", "x*"), new RegexRule("b", "[0-9]{3}")));

        assertThat(rules.find("call 123 or 456")).containsExactly(new RegexMatch("b", 5, 8), new RegexMatch("b", 12, 15));
    }

    @Test
    void patternsThatBacktrackElsewhereRunInLinearTime() {
        RegexRules rules = RegexRules.compile(List.of(new RegexRule("evil", "(a+)+$b"), new RegexRule("evil2", "(x|x)*y")));

        assertThat(rules.find("a".repeat(100_000) + "!" + "x".repeat(100_000))).isEmpty();
    }

    @Test
    void rejectsAPatternRe2CannotRunNamingTheRule() {
        assertThatThrownBy(() -> RegexRules.compile(List.of(new RegexRule("lookbehind", "(?<=a)b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("rule lookbehind:");
    }
}
