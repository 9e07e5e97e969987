package org.stoa.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Words close to a term that are not the term, generated from each term: every one-letter edit
 * (a letter dropped, changed or added), those with a letter dropped also under each trick the
 * matcher undoes, and the term's letters run across two words with letters before or after
 * ({@code bespoke rabbits}). None may be reported as the term.
 */
class NearMissTest {

    private static final List<String> TERMS = List.of("poker", "hitman", "casino", "free money", "fake id", "dark web",
            "loan approval", "cheap pills", "scam", "meth", "heroin", "bank password", "spam link", "rigged game");
    private static final TermMatcher MATCHER = TermMatcher.build(new TermList("near", TERMS));
    /** No frame puts {@code !} right after the word: {@code approva!} is {@code approval} as {@code ponz!} is {@code ponzi}. */
    private static final List<String> FRAMES = List.of("%s", "I think %s is fine", "%s, said she.", "(%s)", "so %s.");

    @Test
    void noOneLetterEditOfATermIsTheTerm() {
        Random random = new Random(21);
        List<String> reported = new ArrayList<>();
        int tried = 0;
        for (String term : TERMS) {
            for (String edit : edits(term)) {
                String text = FRAMES.get(random.nextInt(FRAMES.size())).formatted(edit);
                tried++;
                if (reports(text, term)) reported.add(term + " <- " + text);
            }
        }

        assertThat(tried).isGreaterThan(5000);
        assertThat(reported).isEmpty();
    }

    @Test
    void noDisguisedNearMissIsTheTerm() {
        Random random = new Random(22);
        List<Disguises.Trick> tricks = List.of(
                (t, r) -> t.toUpperCase(Locale.ROOT),
                (t, r) -> Disguises.lookAlike(t.toUpperCase(Locale.ROOT), Disguises.GREEK, r),
                (t, r) -> Disguises.lookAlike(t, Disguises.CYRILLIC, r),
                (t, r) -> Disguises.lookAlike(t.toUpperCase(Locale.ROOT), Disguises.OTHER_SCRIPTS, r),
                (t, r) -> Disguises.perWord(t, w -> Disguises.between(w, i -> ".")),
                (t, r) -> Disguises.perWord(Disguises.lookAlike(t, Disguises.CYRILLIC, r), w -> Disguises.between(w, i -> "\u200b")),
                (t, r) -> Disguises.map(t, c -> Character.isLetter(c) ? c + Disguises.marks(r, 1, 2) : null),
                (t, r) -> Disguises.lookAlike(t, Disguises.LEET, r));
        List<String> reported = new ArrayList<>();
        for (String term : TERMS) {
            for (String edit : droppedLetters(term)) {
                for (Disguises.Trick trick : tricks) {
                    String text = FRAMES.get(random.nextInt(FRAMES.size())).formatted(trick.apply(edit, random));
                    if (reports(text, term)) reported.add(term + " <- " + text);
                }
            }
        }

        assertThat(reported).isEmpty();
    }

    @Test
    void aTermsLettersAcrossTwoWordsAreNotTheTerm() {
        Random random = new Random(23);
        List<String> reported = new ArrayList<>();
        for (String term : TERMS) {
            for (int split = 1; split < term.length(); split++) {
                if (term.charAt(split) == ' ' || term.charAt(split - 1) == ' ') continue;
                for (int round = 0; round < 3; round++) {
                    String before = letters(random, round == 1 ? 0 : 1 + random.nextInt(3));
                    String after = letters(random, round == 2 ? 0 : 1 + random.nextInt(3));
                    String text = before + term.substring(0, split) + " " + term.substring(split) + after;
                    if (reports(text, term)) reported.add(term + " <- " + text);
                }
            }
        }

        assertThat(reported).isEmpty();
    }

    private static boolean reports(String text, String term) {
        return MATCHER.find(text).stream().anyMatch(m -> m.term().equals(term));
    }

    /**
     * Every word made from {@code term} by dropping, changing or adding one letter inside its
     * words, except the term itself and runs of three equal letters (a repeated letter is a trick).
     */
    private static List<String> edits(String term) {
        List<String> edits = new ArrayList<>();
        for (int i = 0; i <= term.length(); i++) {
            boolean inWord = i < term.length() && term.charAt(i) != ' ';
            if (inWord) edits.add(term.substring(0, i) + term.substring(i + 1));
            for (char c = 'a'; c <= 'z'; c++) {
                if (inWord) edits.add(term.substring(0, i) + c + term.substring(i + 1));
                edits.add(term.substring(0, i) + c + term.substring(i));
            }
        }
        return edits.stream().distinct().filter(e -> !e.equals(term) && !e.matches(".*(\\p{L})\\1\\1.*") && !e.isBlank()).toList();
    }

    /**
     * The term with one letter dropped: what no disguise can turn back into the term. A changed
     * letter may be a look-alike of the one it replaced (η is an n, or an H), an added one may be
     * read as a separator ({@code f@k@e}) or a repeat, or stand apart as a word of its own once
     * the letters are spelled apart ({@code f.f.a.k.e}).
     */
    private static List<String> droppedLetters(String term) {
        List<String> edits = new ArrayList<>();
        for (int i = 0; i < term.length(); i++) {
            if (term.charAt(i) != ' ') edits.add(term.substring(0, i) + term.substring(i + 1));
        }
        return edits.stream().distinct().filter(e -> !e.isBlank()).toList();
    }

    private static String letters(Random random, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) out.append((char) ('a' + random.nextInt(26)));
        return out.toString();
    }
}
