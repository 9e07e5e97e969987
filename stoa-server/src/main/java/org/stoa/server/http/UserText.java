package org.stoa.server.http;

/**
 * Text that people write for others to read (a group's title, a reason), cleaned of what only
 * deceives or breaks displays: control characters (NUL among them), bidirectional overrides,
 * embeddings and isolates (which make text read differently from how it is stored, e.g. a
 * reversed file name, and leak into whatever is shown next to it), and unpaired surrogates (no
 * character at all). The directional marks (LRM, RLM, ALM) stay: right-to-left writing needs
 * them and they reorder nothing around them. Invalid UTF-8 never gets this far: {@link Requests}
 * refuses it.
 */
public final class UserText {

    private UserText() {}

    /** A one-line field: every control character goes, tabs and line breaks included. */
    public static String singleLine(String raw) {
        return clean(raw, false);
    }

    /** A field of several lines: line breaks stay, every other control character goes. */
    public static String multiLine(String raw) {
        return clean(raw, true);
    }

    private static String clean(String raw, boolean keepLineBreaks) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            boolean lineBreak = cp == '\n';
            if (lineBreak ? !keepLineBreaks : dropped(cp)) continue;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    private static boolean dropped(int cp) {
        return Character.getType(cp) == Character.CONTROL
                || Character.getType(cp) == Character.SURROGATE
                || isBidiControl(cp);
    }

    /** The embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and the isolates (LRI, RLI, FSI, PDI). */
    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }
}
