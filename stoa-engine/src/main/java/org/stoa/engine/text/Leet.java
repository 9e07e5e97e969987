package org.stoa.engine.text;

/**
 * The common digit and symbol substitutions for letters ({@code c4s1n0}, {@code b@nk},
 * {@code pa$$word}, {@code pill$}, {@code ponz!}). A character may stand for two letters ({@code 1} for
 * {@code i} or {@code l}); the search tries both.
 */
final class Leet {

    /** Index 0 means "stands for no letter"; each character below has its own index, at most 15. */
    private static final String[] SUBSTITUTIONS = {
        "", "0o", "1il", "2z", "3e", "4a", "5s", "6gb", "7t", "8b", "9g", "@a", "$s", "!il", "|li", "€e",
    };

    private static final int[][] LETTERS = new int[SUBSTITUTIONS.length][];

    static {
        for (int i = 0; i < SUBSTITUTIONS.length; i++) {
            LETTERS[i] = SUBSTITUTIONS[i].isEmpty() ? new int[0] : SUBSTITUTIONS[i].substring(1).codePoints().toArray();
        }
    }

    private Leet() {}

    /** The index of the letters {@code c} may stand for, or 0. */
    static int indexOf(int c) {
        for (int i = 1; i < SUBSTITUTIONS.length; i++) {
            if (SUBSTITUTIONS[i].codePointAt(0) == c) return i;
        }
        return 0;
    }

    static int[] letters(int index) {
        return LETTERS[index];
    }
}
