package org.stoa.server.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Text for the run that records {@code stoa scan}'s AOT cache: lines made from the term list
 * itself (terms as written, upper-cased, spelled out with dots, with a letter changed, cut short)
 * between words that are no term, with Latin and Chinese punctuation. The matcher's hot paths then
 * run often enough in that run for the JVM to keep their profiles, so a real scan starts with them
 * instead of collecting its own while its first megabytes go by. What is scanned is not kept.
 */
final class TrainingText {

    /** About 4 MB: enough for the hot loops' profiles, a couple of seconds once per build. */
    private static final int LINES = 50_000;
    private static final String[] FILLER = {"the", "and", "we", "you", "that", "meet", "later", "today", "ok",
        "我们", "今天", "朋友", "晚上", "好的", "123", "😀", "http://example.org/a?b=1"};
    private static final String[] SEPARATORS = {" ", " ", " ", ", ", ". ", "，", "。", "、", "! ", " - "};

    private TrainingText() {}

    static byte[] of(List<String> terms) {
        SplittableRandom random = new SplittableRandom(15);
        StringBuilder line = new StringBuilder();
        ByteArrayOutputStream text = new ByteArrayOutputStream(LINES * 80);
        for (int n = 0; n < LINES; n++) {
            line.setLength(0);
            int words = 4 + random.nextInt(12);
            for (int w = 0; w < words; w++) {
                if (w > 0) line.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
                int kind = random.nextInt(20);
                if (kind < 12 || terms.isEmpty()) {
                    line.append(FILLER[random.nextInt(FILLER.length)]);
                } else {
                    disguise(line, terms.get(random.nextInt(terms.size())), kind, random);
                }
            }
            text.writeBytes(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
        return text.toByteArray();
    }

    private static void disguise(StringBuilder line, String term, int kind, SplittableRandom random) {
        switch (kind) {
            case 12 -> line.append(term.toUpperCase(Locale.ROOT));
            case 13 -> term.codePoints().forEach(c -> line.appendCodePoint(c).append('.'));
            case 14 -> line.append(term, 0, Math.max(1, term.length() - 1));
            case 15 -> {
                int at = random.nextInt(term.length());
                line.append(term, 0, at).append(Character.isLetter(term.charAt(at)) ? 'x' : '的').append(term, at + 1, term.length());
            }
            default -> line.append(term);
        }
    }
}
