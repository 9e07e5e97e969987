package org.stoa.engine.text;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The folded keys of a term list as a trie in a few flat arrays: nodes are numbered breadth-first,
 * so the children of a node are consecutive and sorted by their code point. About 12 bytes a node
 * plus a direct table for the root's children; immutable once built.
 */
final class TermTrie {

    static final int ROOT = 0;
    /** Returned by {@link #child} when there is no such child (the root is nobody's child). */
    static final int NONE = 0;
    /** Marks the last term of a node in {@link #terms}. */
    private static final int LAST = 1 << 31;
    private static final int SCAN_LIMIT = 8;

    private final int[] rootChildren;
    private final int[] firstChild;
    private final int[] label;
    /** Per node, the index in {@link #terms} of its first term, or -1. */
    private final int[] firstTerm;
    private final int[] terms;

    /** One key: folded code points, {@code ' '} between words; {@code term} is the caller's index. */
    record Key(int[] code, int term) {}

    private TermTrie(int[] rootChildren, int[] firstChild, int[] label, int[] firstTerm, int[] terms) {
        this.rootChildren = rootChildren;
        this.firstChild = firstChild;
        this.label = label;
        this.firstTerm = firstTerm;
        this.terms = terms;
    }

    static TermTrie build(List<Key> keys) {
        Key[] sorted = keys.toArray(new Key[0]);
        Arrays.sort(sorted, Comparator.comparing(Key::code, (a, b) -> Arrays.compare(a, b)));
        int nodes = 1;
        for (int i = 0; i < sorted.length; i++) {
            int[] key = sorted[i].code();
            nodes += key.length - (i == 0 ? 0 : commonPrefix(sorted[i - 1].code(), key));
        }
        int[] firstChild = new int[nodes + 1];
        int[] label = new int[nodes];
        int[] firstTerm = new int[nodes];
        int[] terms = new int[sorted.length];
        // The keys below each node: a range of the sorted keys, all sharing the node's depth-long prefix.
        int[] from = new int[nodes];
        int[] to = new int[nodes];
        int[] depth = new int[nodes];
        to[ROOT] = sorted.length;
        int next = 1;
        int termCount = 0;
        for (int node = 0; node < nodes; node++) {
            int i = from[node];
            int end = to[node];
            int d = depth[node];
            firstTerm[node] = -1;
            if (i < end && sorted[i].code().length == d) {
                firstTerm[node] = termCount;
                while (i < end && sorted[i].code().length == d) terms[termCount++] = sorted[i++].term();
                terms[termCount - 1] |= LAST;
            }
            firstChild[node] = next;
            while (i < end) {
                int c = sorted[i].code()[d];
                int j = i + 1;
                while (j < end && sorted[j].code()[d] == c) j++;
                label[next] = c;
                from[next] = i;
                to[next] = j;
                depth[next] = d + 1;
                next++;
                i = j;
            }
        }
        firstChild[nodes] = next;
        int[] rootChildren = new int[Character.MAX_VALUE + 1];
        for (int child = firstChild[ROOT]; child < firstChild[ROOT + 1] && label[child] <= Character.MAX_VALUE; child++) {
            rootChildren[label[child]] = child;
        }
        return new TermTrie(rootChildren, firstChild, label, firstTerm, terms);
    }

    private static int commonPrefix(int[] a, int[] b) {
        int mismatch = Arrays.mismatch(a, b);
        return mismatch < 0 ? a.length : mismatch;
    }

    /** The child of {@code node} along {@code c}, or {@link #NONE}. */
    int child(int node, int c) {
        if (node == ROOT && c <= Character.MAX_VALUE) return rootChildren[c];
        int from = firstChild[node];
        int to = firstChild[node + 1];
        if (to - from <= SCAN_LIMIT) {
            for (int i = from; i < to; i++) {
                if (label[i] == c) return i;
            }
            return NONE;
        }
        int found = Arrays.binarySearch(label, from, to, c);
        return found >= 0 ? found : NONE;
    }

    /** The child along a word boundary ({@code ' '}), or {@link #NONE}: always the first child, as ' ' sorts first. */
    int spaceChild(int node) {
        int first = firstChild[node];
        return first < firstChild[node + 1] && label[first] == ' ' ? first : NONE;
    }

    boolean hasTerms(int node) {
        return firstTerm[node] >= 0;
    }

    /** Calls {@code action} with the index of each term whose key ends at {@code node}. */
    void forEachTerm(int node, java.util.function.IntConsumer action) {
        for (int i = firstTerm[node]; i >= 0; i++) {
            action.accept(terms[i] & ~LAST);
            if (terms[i] < 0) return;
        }
    }

    int nodeCount() {
        return label.length;
    }
}
