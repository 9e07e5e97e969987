package org.stoa.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stoa.engine.text.Disguises.Trick;

/**
 * A check in the manner of the held-out set, with terms the dev set does not have: every
 * evasion family in more kinds than the dev set shows (other look-alike scripts, other
 * separators, combining marks, mathematical letters...), generated at random (fixed seeds)
 * around each term, plus traps. Recall must reach 97 % in every family, and no trap may match.
 */
class HeldOutStyleTest {

    private static final List<String> LATIN = List.of("casino", "free money", "wire transfer", "gift card",
            "escort service", "betting tips", "pyramid scheme", "scam", "cialis", "viagra", "meth", "cocaine",
            "heroin", "ponzi", "stolen account", "bank login", "crypto giveaway", "fake passport", "counterfeit",
            "loan shark", "hack tool", "weed delivery", "hire killer", "money mule", "pills online", "phishing kit");
    private static final List<String> CJK = List.of("赌博", "博彩", "洗钱", "办证", "冰毒", "六合彩", "网赌", "刷单",
            "代开发票", "色情", "迷药", "裸聊", "套现", "假证", "高利贷", "私彩", "赌球", "枪支弹药");
    private static final TermMatcher MATCHER = TermMatcher.build(new TermList("held-out-style", concat(LATIN, CJK)));

    private static final String CJK_SEPARATORS = " \u3000*._|·-~/+#\u200b\u2060，、。；：！？,;:";
    private static final Map<Character, String> TRADITIONAL = Disguises.table("赌賭 钱錢 办辦 证證 网網 单單 开開 发發 药藥 现現 贷貸 枪槍 弹彈", "");
    /** Where each alphabet's small a is; the ones with holes (italic h is U+210E) are left out. */
    private static final int[] MATH_ALPHABETS = {0x1D41A, 0x1D482, 0x1D4EA, 0x1D51E, 0x1D552, 0x1D586, 0x1D5BA,
        0x1D5EE, 0x1D622, 0x1D656, 0x1D68A};
    private static final List<String> FRAMES = List.of("%s", "hey did you see this %s thing", "anyone here tried %s before",
            "lol %s again?", "(%s)", "\"%s\"", "%s!!!", "get %s, now.", "群里有人在说%s吗", "朋友推荐%s，快来看看", "【%s】");

    @Test
    void findsEveryFamilyInKindsTheDevSetDoesNotShow() {
        Map<String, Trick> latinFamilies = new LinkedHashMap<>();
        latinFamilies.put("upper", (t, r) -> t.toUpperCase());
        latinFamilies.put("mixed case", (t, r) -> Disguises.map(t, c -> r.nextBoolean() ? String.valueOf(Character.toUpperCase(c)) : null));
        latinFamilies.put("full-width", (t, r) -> Disguises.map(t, c -> c == ' ' ? "\u3000" : String.valueOf((char) (c + 0xFEE0))));
        latinFamilies.put("circled", (t, r) -> Disguises.map(t, c -> c == ' ' ? null : String.valueOf((char) (0x24D0 + c - 'a'))));
        latinFamilies.put("mathematical", (t, r) -> {
            int alphabet = MATH_ALPHABETS[r.nextInt(MATH_ALPHABETS.length)];
            return Disguises.map(t, c -> c == ' ' ? null : Character.toString(alphabet + c - 'a'));
        });
        latinFamilies.put("combining marks", (t, r) -> Disguises.map(t, c -> c == ' ' ? null : c + Disguises.marks(r, 0, 2)));
        latinFamilies.put("stacked marks", (t, r) -> Disguises.map(t, c -> c == ' ' ? null : c + Disguises.marks(r, 1, 4)));
        latinFamilies.put("Cyrillic", (t, r) -> Disguises.lookAlike(t, Disguises.CYRILLIC, r));
        latinFamilies.put("Greek", (t, r) -> Disguises.lookAlike(t, Disguises.GREEK, r));
        latinFamilies.put("other look-alikes", (t, r) -> Disguises.lookAlike(t, Disguises.OTHER_SCRIPTS, r));
        latinFamilies.put("invisible", (t, r) -> Disguises.perWord(t, w -> String.join(Disguises.INVISIBLES[r.nextInt(Disguises.INVISIBLES.length)], w.split(""))));
        latinFamilies.put("spaced", (t, r) -> String.join("   ", t.split(" ")).replaceAll("(?<=\\w)(?=\\w)", " "));
        latinFamilies.put("one separator", (t, r) -> {
            String separator = String.valueOf(Disguises.randomOf(Disguises.LATIN_SEPARATORS, r));
            return Disguises.perWord(t, w -> String.join(separator, w.split("")));
        });
        latinFamilies.put("mixed separators", (t, r) -> Disguises.perWord(t, w -> Disguises.between(w,
                i -> String.valueOf(Disguises.randomOf(Disguises.LATIN_SEPARATORS, r)))));
        latinFamilies.put("repeats", (t, r) -> Disguises.perWord(t, w -> {
            int at = r.nextInt(w.length());
            return w.substring(0, at) + String.valueOf(w.charAt(at)).repeat(3 + r.nextInt(4)) + w.substring(at + 1);
        }));
        latinFamilies.put("leet", (t, r) -> Disguises.lookAlike(t, Disguises.LEET, r));
        latinFamilies.put("glued", (t, r) -> t.replace(" ", ""));
        Map<String, Trick> cjkFamilies = new LinkedHashMap<>();
        cjkFamilies.put("Traditional", (t, r) -> Disguises.map(t, c -> TRADITIONAL.get(c)));
        cjkFamilies.put("separators", (t, r) -> String.join(String.valueOf(Disguises.randomOf(CJK_SEPARATORS, r)), t.split("")));
        cjkFamilies.put("Traditional and separators", (t, r) -> String.join(String.valueOf(Disguises.randomOf(CJK_SEPARATORS, r)),
                Disguises.map(t, c -> TRADITIONAL.get(c)).split("")));
        cjkFamilies.put("invisible", (t, r) -> String.join(Disguises.INVISIBLES[r.nextInt(Disguises.INVISIBLES.length)], t.split("")));

        List<String> misses = new ArrayList<>();
        Map<String, int[]> recall = new LinkedHashMap<>();
        Random random = new Random(11);
        for (int round = 0; round < 3; round++) {
            check(LATIN, latinFamilies, random, recall, misses);
            check(CJK, cjkFamilies, random, recall, misses);
        }

        assertThat(recall).allSatisfy((family, hits) ->
                assertThat((double) hits[0] / hits[1]).as("%s recall, missed %s", family, misses).isGreaterThanOrEqualTo(0.97));
    }

    @Test
    void reportsNoTermInTraps() {
        List<String> traps = List.of("the specialist said so", "something smells", "this camera is great", "let's camp tonight",
                "scampi for dinner", "a methodical approach", "the casinos of old", "his heroine arrived", "scammer", "giftcards",
                "wire transferred", "s camera", "mis cam", "counter feit", "ca sino royale", "1337 h4x0r", "call 0800 123 456",
                "他好赌，博物馆也不去", "颜色，情况很好", "衣服要洗，钱包丢了", "他在博物馆", "色彩很好", "冰箱里有毒蘑菇", "黑色客厅", "高利率贷款", "刷新单页");

        assertThat(traps).allSatisfy(trap -> assertThat(MATCHER.find(trap)).as(trap).isEmpty());
    }

    private static void check(List<String> terms, Map<String, Trick> families, Random random,
            Map<String, int[]> recall, List<String> misses) {
        for (String term : terms) {
            for (Map.Entry<String, Trick> family : families.entrySet()) {
                String message = FRAMES.get(random.nextInt(FRAMES.size())).formatted(family.getValue().apply(term, random));
                boolean found = MATCHER.find(message).stream().anyMatch(m -> m.term().equals(term));
                int[] hits = recall.computeIfAbsent(family.getKey(), k -> new int[2]);
                hits[0] += found ? 1 : 0;
                hits[1]++;
                if (!found) misses.add(message);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
