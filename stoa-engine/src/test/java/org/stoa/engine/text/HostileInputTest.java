package org.stoa.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Input built to break a matcher: malformed UTF-16, huge lines, degenerate runs, huge lists. */
class HostileInputTest {

    private static final TermMatcher MATCHER = TermMatcher.build(new TermList("t", List.of("casino", "aaa b", "iiii", "赌博")));

    @Test
    void loneSurrogatesSeparateWordsAndCountAsOneCodePointEach() {
        String text = "\uD800casino\uDC00 \uDC00\uD800赌博";

        assertThat(MATCHER.find(text)).containsExactly(new TermMatch("casino", 1, 7), new TermMatch("赌博", 11, 13));
    }

    @Test
    void findsATermAtTheEndOfAMultiMegabyteLineOfRandomUnicode() {
        Random random = new Random(1);
        StringBuilder text = new StringBuilder();
        while (text.length() < 4_000_000) {
            int c = random.nextInt(Character.MAX_CODE_POINT + 1);
            if (c < 'A' || c > 'z') text.appendCodePoint(c);
        }
        text.append(" casino");
        int length = text.codePointCount(0, text.length());

        assertThat(MATCHER.find(text)).contains(new TermMatch("casino", length - 6, length));
    }

    @Test
    void longRunsOfOneLetterDigitOrSymbolStayLinear() {
        for (String run : List.of("a", "1", "$", "赌", "a ", "1 ", "!", "\u0301", "\u200b")) {
            String text = run.repeat(200_000) + " casino";

            assertThat(MATCHER.find(text)).extracting(TermMatch::term).contains("casino");
        }
    }

    @Test
    void handlesEmptyAndSeparatorOnlyTexts() {
        assertThat(MATCHER.find("")).isEmpty();
        assertThat(MATCHER.find(" \t\n.,;!?　\u200b")).isEmpty();
    }

    @Test
    void buildsAndSearchesAMillionTermList() {
        Random random = new Random(7);
        List<String> terms = new ArrayList<>(1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            StringBuilder term = new StringBuilder();
            if (i % 3 == 0) {
                for (int k = 0; k < 2 + random.nextInt(3); k++) term.appendCodePoint(0x4E00 + random.nextInt(0x5000));
            } else {
                for (int k = 0; k < 4 + random.nextInt(8); k++) term.append((char) ('a' + random.nextInt(26)));
                if (i % 5 == 0) term.append(' ').append(Integer.toString(i, 36));
            }
            terms.add(term.toString());
        }
        TermMatcher matcher = TermMatcher.build(new TermList("huge", terms));

        for (int i = 0; i < 1_000_000; i += 99_991) {
            String text = "look: " + terms.get(i) + " !";
            assertThat(matcher.find(text)).extracting(TermMatch::term).contains(terms.get(i));
        }
    }
}
