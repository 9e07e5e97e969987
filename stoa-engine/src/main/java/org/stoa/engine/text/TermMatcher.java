package org.stoa.engine.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds the terms of one {@link TermList} in texts, however they are disguised (see
 * {@link Evasion}). Immutable and thread-safe: build it once, off the hot path, and share it;
 * {@link LiveTermMatcher} swaps in a rebuilt one.
 *
 * <pre>{@code
 * TermMatcher matcher = TermMatcher.build(TermList.read(Path.of("gambling.txt")));
 * for (TermMatch m : matcher.find(message)) notice(m.term(), m.quote(message));
 * }</pre>
 */
public final class TermMatcher {

    private static final Comparator<TermMatch> IN_TEXT_ORDER =
            Comparator.comparingInt(TermMatch::start).thenComparingInt(TermMatch::end).thenComparing(TermMatch::term);

    private final TermList list;
    private final FoldTable table;
    private final Searcher terms;
    private final Searcher allowed;

    /** A trie search and the phrases its term indices stand for. */
    private record Searcher(TermSearch search, List<String> phrases) {

        static Searcher of(List<String> phrases, TermListOptions options, FoldTable table) {
            Pinyin pinyin = options.evasions().contains(Evasion.PINYIN) ? new Pinyin() : null;
            List<TermTrie.Key> keys = new ArrayList<>(phrases.size());
            boolean[] needsLetter = new boolean[phrases.size()];
            FoldedText buffer = new FoldedText();
            for (int i = 0; i < phrases.size(); i++) {
                int[] key = TermKeys.keyOf(phrases.get(i), table, buffer);
                keys.add(new TermTrie.Key(key, i));
                needsLetter[i] = TermKeys.hasLetter(key);
                String spelled = pinyin == null ? null : pinyin.of(phrases.get(i));
                if (spelled != null) keys.add(new TermTrie.Key(TermKeys.keyOf(spelled, table, buffer), i));
            }
            Set<Evasion> evasions = options.evasions();
            TermTrie trie = TermTrie.build(keys);
            WordFilter words = options.wholeWords() ? WordFilter.build(keys) : null;
            TermSearch search = new TermSearch(trie, words, needsLetter, options.wholeWords(),
                    evasions.contains(Evasion.SEPARATORS), evasions.contains(Evasion.REPEATS));
            return new Searcher(search, phrases);
        }

        /**
         * The matches in text order. Several readings of the text may find a term at the same
         * place (one branch of the search may find what another found; {@code spell!} reads as
         * {@code spell} with or without its {@code !}): only the shortest is kept.
         */
        List<TermMatch> find(Scratch scratch) {
            Collector collector = new Collector(scratch.text, phrases);
            search.search(scratch, collector);
            List<TermMatch> found = collector.found;
            if (found.size() < 2) return found;
            found.sort(IN_TEXT_ORDER);
            List<TermMatch> shortest = new ArrayList<>(found.size());
            for (TermMatch match : found) {
                boolean seen = false;
                for (int i = shortest.size() - 1; i >= 0 && shortest.get(i).start() == match.start(); i--) {
                    seen |= shortest.get(i).term().equals(match.term());
                }
                if (!seen) shortest.add(match);
            }
            return shortest;
        }
    }

    /** Makes the search's matches {@link TermMatch}es; allocates a list only for a text with a match. */
    private static final class Collector implements TermSearch.Sink {
        private final FoldedText text;
        private final List<String> phrases;
        List<TermMatch> found = List.of();

        Collector(FoldedText text, List<String> phrases) {
            this.text = text;
            this.phrases = phrases;
        }

        @Override
        public void match(int term, int firstUnit, int lastUnit) {
            if (found.isEmpty()) found = new ArrayList<>(4);
            found.add(new TermMatch(phrases.get(term), text.start[firstUnit], text.end(lastUnit)));
        }
    }

    private TermMatcher(TermList list, FoldTable table, Searcher terms, Searcher allowed) {
        this.list = list;
        this.table = table;
        this.terms = terms;
        this.allowed = allowed;
    }

    /**
     * Builds the matcher for a list: folds every term and lays out the trie. About 0.2 s for
     * 100,000 terms in a running service (0.8 s in a fresh JVM), a few seconds for a million (see
     * docs/performance.md); do it off the hot path.
     *
     * @throws IllegalArgumentException if a term or allowed phrase has no letter or digit
     */
    public static TermMatcher build(TermList list) {
        FoldTable table = FoldTable.of(list.options().evasions());
        Searcher terms = Searcher.of(list.terms(), list.options(), table);
        List<String> allowedPhrases = list.options().allowed();
        Searcher allowed = allowedPhrases.isEmpty() ? null : Searcher.of(allowedPhrases, list.options(), table);
        return new TermMatcher(list, table, terms, allowed);
    }

    /** Every occurrence of a listed term in {@code text}, in text order; empty if none. */
    public List<TermMatch> find(CharSequence text) {
        Scratch scratch = Scratch.acquire();
        try {
            scratch.text.fold(text, table);
            return findFolded(scratch);
        } finally {
            scratch.release();
        }
    }

    /**
     * {@link #find(CharSequence)} for a text in UTF-8, bytes {@code from} to {@code to}, read
     * without making a String of it first (for a batch of messages, such as {@code stoa scan}'s).
     * Malformed UTF-8 reads as {@code new String(bytes, UTF_8)} reads it, each bad sequence a
     * U+FFFD, and {@code malformed} is run.
     */
    public List<TermMatch> findInUtf8(byte[] utf8, int from, int to, Runnable malformed) {
        Scratch scratch = Scratch.acquire();
        try {
            if (!scratch.text.foldUtf8(utf8, from, to, table)) {
                malformed.run();
                scratch.text.fold(new String(utf8, from, to - from, StandardCharsets.UTF_8), table);
            }
            return findFolded(scratch);
        } finally {
            scratch.release();
        }
    }

    private List<TermMatch> findFolded(Scratch scratch) {
        List<TermMatch> found = terms.find(scratch);
        if (found.isEmpty()) return List.of();
        if (allowed == null) return Collections.unmodifiableList(found);
        List<TermMatch> exceptions = allowed.find(scratch);
        return found.stream()
                .filter(match -> exceptions.stream().noneMatch(e -> e.start() <= match.start() && match.end() <= e.end()))
                .toList();
    }

    public TermList list() {
        return list;
    }
}
