package org.stoa.server.search;

import java.util.ArrayList;
import java.util.List;
import org.stoa.engine.text.SearchText.Highlight;

/**
 * The part of a text a result shows: up to {@link #MAX_CHARS} characters around the first match,
 * with "…" where it was cut, and the matches in it as UTF-16 indices of {@code text} (as JavaScript
 * counts), so a client highlights them without parsing markup.
 */
public record Snippet(String text, List<Highlight> highlights) {

    public static final int MAX_CHARS = 160;
    private static final int BEFORE_FIRST = 50;
    private static final String CUT = "…";

    public static Snippet of(String text, List<Highlight> highlights) {
        int first = highlights.isEmpty() ? 0 : highlights.get(0).start();
        int start = boundary(text, Math.max(0, first - BEFORE_FIRST));
        int end = boundary(text, Math.min(text.length(), start + MAX_CHARS));
        String prefix = start > 0 ? CUT : "";
        String shown = prefix + text.substring(start, end) + (end < text.length() ? CUT : "");
        List<Highlight> inside = new ArrayList<>();
        for (Highlight hl : highlights) {
            int from = Math.max(hl.start(), start);
            int to = Math.min(hl.end(), end);
            if (from < to) inside.add(new Highlight(from - start + prefix.length(), to - start + prefix.length()));
        }
        return new Snippet(shown, List.copyOf(inside));
    }

    /** {@code i}, moved back off the low half of a surrogate pair. */
    private static int boundary(String text, int i) {
        return i > 0 && i < text.length() && Character.isLowSurrogate(text.charAt(i)) ? i - 1 : i;
    }
}
