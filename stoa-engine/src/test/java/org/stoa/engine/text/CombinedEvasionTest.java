package org.stoa.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stoa.engine.text.Disguises.Trick;

/**
 * Tricks combined in one term: a case trick (upper, mixed), a shape trick (look-alike letters of
 * several scripts, full-width and mathematical letters, combining marks, leetspeak) and a
 * joining trick (dots, invisible characters, spaces or other separators between the letters),
 * two or three at once and in either order of case and shape. Each combination must be caught at
 * the rate of the tricks it combines, each alone. Variants are generated at random (fixed seed)
 * around terms neither the dev set nor the other tests use.
 */
class CombinedEvasionTest {

    private static final List<String> TERMS = List.of("roulette", "jackpot winner", "bitcoin doubler", "fake invoice",
            "pharmacy online", "sugar daddy", "lucky draw", "investment scheme", "bank verification", "hidden camera",
            "whatsapp me", "adult webcam", "quick cash", "fix my credit", "tax refund", "mule account", "crypto pump",
            "payday loan", "slot machine", "black market", "zoom bombing", "live betting", "hookup", "oxycodone");
    private static final TermMatcher MATCHER = TermMatcher.build(new TermList("combined", TERMS));
    private static final List<String> FRAMES = List.of("%s", "hey did you see this %s thing", "anyone here tried %s before",
            "lol %s again?", "(%s)", "\"%s\"", "%s!!!", "get %s, now.", "群里有人在说%s吗", "【%s】", "%s dm me");
    private static final int ROUNDS = 2;
    private static final int[] MATH_SMALL_A = {0x1D41A, 0x1D44E, 0x1D482, 0x1D4EA, 0x1D51E, 0x1D552, 0x1D586, 0x1D5BA,
        0x1D5EE, 0x1D622, 0x1D656, 0x1D68A};

    private static final Map<String, Trick> CASE = new LinkedHashMap<>();
    private static final Map<String, Trick> SHAPE = new LinkedHashMap<>();
    private static final Map<String, Trick> JOIN = new LinkedHashMap<>();
    /** Recall of each trick alone, and what it missed. */
    private static final Map<String, Double> ALONE = new LinkedHashMap<>();
    private static final List<String> MISSED_ALONE = new ArrayList<>();

    static {
        CASE.put("upper", (t, r) -> t.toUpperCase(Locale.ROOT));
        CASE.put("mixed case", (t, r) -> Disguises.map(t, c -> r.nextBoolean() ? String.valueOf(Character.toUpperCase(c)) : null));

        SHAPE.put("Cyrillic", (t, r) -> Disguises.lookAlike(t, Disguises.CYRILLIC, r));
        SHAPE.put("Greek", (t, r) -> Disguises.lookAlike(t, Disguises.GREEK, r));
        SHAPE.put("other scripts", (t, r) -> Disguises.lookAlike(t, Disguises.OTHER_SCRIPTS, r));
        SHAPE.put("full-width", (t, r) -> Disguises.map(t, c -> c > ' ' && c <= '~' ? String.valueOf((char) (c + 0xFEE0)) : null));
        SHAPE.put("mathematical", (t, r) -> {
            int small = MATH_SMALL_A[r.nextInt(MATH_SMALL_A.length)];
            return Disguises.map(t, c -> mathematical(small, c));
        });
        SHAPE.put("combining marks", (t, r) -> Disguises.map(t, c -> Character.isLetter(c) ? c + Disguises.marks(r, 1, 3) : null));
        SHAPE.put("leet", (t, r) -> Disguises.lookAlike(t, Disguises.LEET, r));

        JOIN.put("dots", (t, r) -> Disguises.perWord(t, w -> Disguises.between(w, i -> ".")));
        JOIN.put("invisible", (t, r) -> Disguises.perWord(t, w -> Disguises.between(w,
                i -> Disguises.INVISIBLES[r.nextInt(Disguises.INVISIBLES.length)])));
        JOIN.put("spaced", (t, r) -> String.join("   ", Arrays.stream(t.split(" ")).map(w -> Disguises.between(w, i -> " ")).toList()));
        JOIN.put("one separator", (t, r) -> {
            String separator = String.valueOf(Disguises.randomOf(Disguises.LATIN_SEPARATORS, r));
            return Disguises.perWord(t, w -> Disguises.between(w, i -> separator));
        });
        JOIN.put("mixed separators", (t, r) -> Disguises.perWord(t, w -> Disguises.between(w,
                i -> String.valueOf(Disguises.randomOf(Disguises.LATIN_SEPARATORS, r)))));
    }

    @BeforeAll
    static void measureEachTrickAlone() {
        Random random = new Random(5);
        for (Map<String, Trick> tricks : List.of(CASE, SHAPE, JOIN)) {
            tricks.forEach((name, trick) -> ALONE.put(name, recall(trick, random, MISSED_ALONE)));
        }
    }

    @Test
    void catchesEveryTrickAlone() {
        assertThat(ALONE).as("missed %s", MISSED_ALONE).allSatisfy((trick, recall) -> assertThat(recall).as(trick).isEqualTo(1.0));
    }

    @Test
    void catchesCombinedTricksAtTheRateOfEachAlone() {
        Random random = new Random(9);
        List<String> worse = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        int combinations = 0;
        for (var caseTrick : CASE.entrySet()) {
            for (var shape : SHAPE.entrySet()) {
                Trick caseThenShape = (t, r) -> shape.getValue().apply(caseTrick.getValue().apply(t, r), r);
                Trick shapeThenCase = (t, r) -> caseTrick.getValue().apply(shape.getValue().apply(t, r), r);
                combinations += check(caseTrick.getKey() + ", then " + shape.getKey(), caseThenShape, random, worse, missed,
                        caseTrick.getKey(), shape.getKey());
                combinations += check(shape.getKey() + ", then " + caseTrick.getKey(), shapeThenCase, random, worse, missed,
                        caseTrick.getKey(), shape.getKey());
                for (var join : JOIN.entrySet()) {
                    combinations += check(caseTrick.getKey() + ", then " + shape.getKey() + ", " + join.getKey(),
                            (t, r) -> join.getValue().apply(caseThenShape.apply(t, r), r), random, worse, missed,
                            caseTrick.getKey(), shape.getKey(), join.getKey());
                    combinations += check(shape.getKey() + ", then " + caseTrick.getKey() + ", " + join.getKey(),
                            (t, r) -> join.getValue().apply(shapeThenCase.apply(t, r), r), random, worse, missed,
                            caseTrick.getKey(), shape.getKey(), join.getKey());
                }
            }
            for (var join : JOIN.entrySet()) {
                combinations += check(caseTrick.getKey() + ", " + join.getKey(),
                        (t, r) -> join.getValue().apply(caseTrick.getValue().apply(t, r), r), random, worse, missed,
                        caseTrick.getKey(), join.getKey());
            }
        }
        for (var shape : SHAPE.entrySet()) {
            for (var join : JOIN.entrySet()) {
                combinations += check(shape.getKey() + ", " + join.getKey(),
                        (t, r) -> join.getValue().apply(shape.getValue().apply(t, r), r), random, worse, missed,
                        shape.getKey(), join.getKey());
            }
        }

        assertThat(combinations).isEqualTo(CASE.size() * SHAPE.size() * (2 + 2 * JOIN.size()) + JOIN.size() * (CASE.size() + SHAPE.size()));
        assertThat(worse).as("combinations caught less often than their tricks alone; missed %s", missed).isEmpty();
    }

    /** Checks one combination against the tricks it is made of; returns 1 (one combination checked). */
    private static int check(String name, Trick combined, Random random, List<String> worse, List<String> missed,
            String... tricks) {
        double alone = 1.0;
        for (String trick : tricks) alone = Math.min(alone, ALONE.get(trick));
        double recall = recall(combined, random, missed);
        if (recall < alone) worse.add("%s: %.3f, alone %.3f".formatted(name, recall, alone));
        return 1;
    }

    private static double recall(Trick trick, Random random, List<String> missed) {
        int found = 0;
        int tried = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (String term : TERMS) {
                String message = FRAMES.get(random.nextInt(FRAMES.size())).formatted(trick.apply(term, random));
                boolean hit = MATCHER.find(message).stream().anyMatch(m -> m.term().equals(term));
                found += hit ? 1 : 0;
                tried++;
                if (!hit) missed.add(message);
            }
        }
        return (double) found / tried;
    }

    /** The letter in the mathematical alphabet whose small a is {@code smallA}, if that alphabet has it. */
    private static String mathematical(int smallA, char c) {
        int code = c >= 'a' && c <= 'z' ? smallA + c - 'a' : c >= 'A' && c <= 'Z' ? smallA - 26 + c - 'A' : -1;
        return code >= 0 && Character.isLetter(code) ? Character.toString(code) : null;
    }
}
