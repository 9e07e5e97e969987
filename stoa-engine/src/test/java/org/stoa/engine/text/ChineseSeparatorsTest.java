package org.stoa.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chinese terms with something between every character: full-width and ASCII punctuation, pipes,
 * spaces, dots, invisible characters, symbols; one kind throughout, repeated, padded with spaces
 * or mixed, in Simplified or Traditional characters, inside sentences. Every variant must be
 * found, and prose whose clauses happen to meet at a term's characters must not be.
 */
class ChineseSeparatorsTest {

    private static final List<String> TERMS = List.of("网上赌场", "赌场", "贷款", "代开发票", "六合彩", "刷单返利", "裸聊",
            "假证", "套现", "洗钱", "黑客", "迷药");
    private static final TermMatcher MATCHER = TermMatcher.build(new TermList("zh", TERMS));
    private static final Map<Character, String> TRADITIONAL = Disguises.table("网網 赌賭 场場 贷貸 开開 发發 现現 钱錢 药藥 单單 证證 刷刷", "");
    private static final List<String> FRAMES = List.of("%s", "群里有人在说%s吗", "朋友推荐%s，快来看看", "最近%s的消息很多",
            "今晚八点%s详情见图", "%s加我私聊", "【%s】", "hey %s lol", "“%s”", "快来%s！");

    private static final Map<String, String> SEPARATORS = new LinkedHashMap<>();

    static {
        SEPARATORS.put("full-width punctuation", "，、。；：！？．／＼～＿－＋＊＃％＆＝・…—");
        SEPARATORS.put("ASCII punctuation", ",;:!?./\\-_+*~#%&=^'\"`@$");
        SEPARATORS.put("pipes", "|｜¦│┃");
        SEPARATORS.put("spaces", " \u3000\t\u00a0\u2002\u2003\u2009\u202f");
        SEPARATORS.put("dots", ".·•‧・∙⋅。．…");
        SEPARATORS.put("zero-width", "\u200b\u200c\u200d\u2060\ufeff\u00ad");
        SEPARATORS.put("symbols", "★☆♥❤✿※→");
    }

    @Test
    void findsTermsWithSeparatorsOfEveryKindBetweenTheirCharacters() {
        Random random = new Random(3);
        List<String> missed = new ArrayList<>();
        int tried = 0;
        for (Map.Entry<String, String> kind : SEPARATORS.entrySet()) {
            for (String term : TERMS) {
                for (char separator : kind.getValue().toCharArray()) {
                    String s = String.valueOf(separator);
                    List<String> disguises = List.of(
                            Disguises.between(term, i -> s),
                            Disguises.between(term, i -> s.repeat(2 + random.nextInt(2))),
                            Disguises.between(term, i -> " " + s + " "),
                            Disguises.between(Disguises.map(term, TRADITIONAL::get), i -> s));
                    for (String disguise : disguises) {
                        String message = FRAMES.get(random.nextInt(FRAMES.size())).formatted(disguise);
                        tried++;
                        if (MATCHER.find(message).stream().noneMatch(m -> m.term().equals(term))) missed.add(kind.getKey() + ": " + message);
                    }
                }
            }
        }

        assertThat(tried).isGreaterThan(2000);
        assertThat(missed).isEmpty();
    }

    @Test
    void findsTermsWithMixedSeparatorsBetweenTheirCharacters() {
        String all = String.join("", SEPARATORS.values());
        Random random = new Random(4);
        List<String> missed = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (String term : TERMS) {
                String disguise = Disguises.between(term, i -> String.valueOf(Disguises.randomOf(all, random)));
                String message = FRAMES.get(random.nextInt(FRAMES.size())).formatted(disguise);
                if (MATCHER.find(message).stream().noneMatch(m -> m.term().equals(term))) missed.add(message);
            }
        }

        assertThat(missed).isEmpty();
    }

    @Test
    void quotesTheWholeSpelledApartTerm() {
        String message = "朋友推荐网，上，赌，场，快来看看";

        assertThat(MATCHER.find(message)).extracting(m -> m.quote(message)).contains("网，上，赌，场");
    }

    /** Clauses that meet at a term's characters; each character on either side belongs to a longer word. */
    @ParameterizedTest
    @ValueSource(strings = {"他输了，赌，场面很难看", "我们去赌。场地已经关门", "这笔贷，款项还没到", "他先洗，钱包却丢了",
        "黑，客厅里没有灯", "他吃了迷，药店已经关门", "这是假，证据确凿", "钱要套，现在就去"})
    void readsProseAcrossClausePunctuationAsProse(String prose) {
        assertThat(MATCHER.find(prose)).isEmpty();
    }
}
