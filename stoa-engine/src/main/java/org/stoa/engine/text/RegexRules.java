package org.stoa.engine.text;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of {@link RegexRule}s compiled for RE2/J, whose matching time is linear in the text
 * whatever the pattern: no rule or message can make it backtrack. Immutable and thread-safe.
 */
public final class RegexRules {

    private final List<String> ids;
    private final List<Pattern> patterns;
    private final FoldTable table = FoldTable.of(Evasion.DEFAULTS);

    private RegexRules(List<String> ids, List<Pattern> patterns) {
        this.ids = ids;
        this.patterns = patterns;
    }

    /** @throws IllegalArgumentException naming the rule, if a pattern is not valid RE2 */
    public static RegexRules compile(List<RegexRule> rules) {
        List<String> ids = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        for (RegexRule rule : rules) {
            try {
                patterns.add(Pattern.compile(rule.pattern()));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("rule " + rule.id() + ": " + e.getMessage(), e);
            }
            ids.add(rule.id());
        }
        return new RegexRules(List.copyOf(ids), List.copyOf(patterns));
    }

    /** Every non-empty match of every rule, rule by rule, each rule's in text order. */
    public List<RegexMatch> find(CharSequence text) {
        if (patterns.isEmpty()) return List.of();
        List<RegexMatch> found = new ArrayList<>();
        Folded folded = fold(text);
        for (int rule = 0; rule < patterns.size(); rule++) {
            Matcher matcher = patterns.get(rule).matcher(folded.text);
            while (matcher.find()) {
                if (matcher.end() > matcher.start()) {
                    found.add(new RegexMatch(ids.get(rule), folded.start[matcher.start()], folded.end[matcher.end() - 1]));
                }
            }
        }
        return found;
    }

    private Folded fold(CharSequence original) {
        Folded folded = new Folded(original.length());
        int offset = 0;
        for (int i = 0; i < original.length(); offset++) {
            int c = Character.codePointAt(original, i);
            i += Character.charCount(c);
            int entry = table.get(c);
            if (FoldTable.kind(entry) == FoldTable.EXPANSION) {
                for (int part : table.expansion(entry)) folded.add(part, offset);
            } else {
                folded.add(entry, offset);
            }
        }
        return folded;
    }

    /** The folded text (separators kept), and for each of its chars the span of the code point it comes from. */
    private static final class Folded {
        final StringBuilder text;
        int[] start;
        int[] end;

        Folded(int capacity) {
            text = new StringBuilder(capacity);
            start = new int[capacity + 2];
            end = new int[capacity + 2];
        }

        void add(int entry, int offset) {
            if (FoldTable.kind(entry) == FoldTable.IGNORABLE) {
                if (!text.isEmpty()) end[text.length() - 1] = offset + 1;
                return;
            }
            int code = FoldTable.keyCode(entry);
            int from = text.length();
            text.appendCodePoint(code);
            if (text.length() > start.length) {
                start = Arrays.copyOf(start, text.length() * 2);
                end = Arrays.copyOf(end, text.length() * 2);
            }
            for (int k = from; k < text.length(); k++) {
                start[k] = offset;
                end[k] = offset + 1;
            }
        }
    }
}
