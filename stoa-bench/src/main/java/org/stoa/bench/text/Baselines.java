package org.stoa.bench.text;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.github.houbb.sensitive.word.support.allow.WordAllows;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/** The two public matchers Stoa's is measured against, built the way their documentation shows. */
final class Baselines {

    private Baselines() {}

    /** hankcs's double-array Aho-Corasick over the lower-cased terms; values are the terms as written. */
    static AhoCorasickDoubleArrayTrie<String> hankcs(List<String> terms) {
        TreeMap<String, String> map = new TreeMap<>();
        for (String term : terms) map.put(term.toLowerCase(Locale.ROOT), term);
        AhoCorasickDoubleArrayTrie<String> trie = new AhoCorasickDoubleArrayTrie<>();
        trie.build(map);
        return trie;
    }

    /**
     * houbb's sensitive-word with its default options (case, width, number and Traditional
     * Chinese folding, repeated characters...), our terms instead of its bundled word list, and
     * no allow-list (its bundled one would hide some of our terms).
     */
    static SensitiveWordBs houbb(List<String> terms) {
        return SensitiveWordBs.newInstance().wordDeny(() -> terms).wordAllow(WordAllows.empty()).init();
    }
}
