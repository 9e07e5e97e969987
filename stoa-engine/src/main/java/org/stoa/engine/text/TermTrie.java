package org.stoa.engine.text;

import java.util.Arrays;
import java.util.List;

/**
 * The folded keys of a term list as a trie packed in one {@code int[]}. A node is a record at
 * some offset (the offset is the node's identity):
 *
 * <pre>
 * header             child count, and flags DENSE, HAS_SPACE, HAS_TERMS
 * [first term]       if HAS_TERMS: index in {@link #terms}
 * [space child]      if HAS_SPACE: the child along a word boundary (' ')
 * sparse children:   count code points in ascending order, then count offsets
 * DENSE children:    the lowest code point, then count offsets (NONE for gaps), one per code point
 * </pre>
 *
 * Nodes whose children are close together in the alphabet (the top of a Latin trie) are dense,
 * so a step is one subtraction and one read. The top levels are laid out breadth first, as every
 * search starts there; the subtrees below depth first, so a node's first child follows it. About
 * 12 bytes a node, plus a direct table for the root's children. Immutable once built.
 */
final class TermTrie {

    static final int ROOT = 0;
    /** Returned by {@link #child} when there is no such child (the root is nobody's child). */
    static final int NONE = 0;
    /** Returned by {@link #plainChild} for a node where a word of a term ends and another begins. */
    static final int FORK = -1;
    /** For {@link #mayStartWith}: the key has no second code point. */
    static final int END = -1;

    private static final int COUNT_MASK = (1 << 28) - 1;
    private static final int DENSE = 1 << 28;
    private static final int SPACE_SHIFT = 29;
    private static final int HAS_SPACE = 1 << SPACE_SHIFT;
    private static final int TERMS_SHIFT = 30;
    private static final int HAS_TERMS = 1 << TERMS_SHIFT;
    /** Marks the last term of a node in {@link #terms}. */
    private static final int LAST = 1 << 31;
    private static final int SCAN_LIMIT = 8;

    private static final int PAIR_BITS = 20;

    private final int[] nodes;
    private final int[] rootChildren;
    private final int[] terms;
    /**
     * A bit for each pair of code points some key starts with (hashed, so a set bit may be a
     * false alarm): in CJK text, where every character starts a search, most searches end here,
     * in 128 kB, without reading the trie.
     */
    private final long[] startingPairs;
    // Rare kinds of keys, checked before the filter: most lists have none.
    private final boolean oneLetterKeys;
    private final boolean keysWithSpaceSecond;

    /** One key: folded code points, {@code ' '} between words; {@code term} is the caller's index. */
    record Key(int[] code, int term) {}

    private TermTrie(int[] nodes, int[] rootChildren, int[] terms, long[] startingPairs, boolean oneLetterKeys,
            boolean keysWithSpaceSecond) {
        this.nodes = nodes;
        this.rootChildren = rootChildren;
        this.terms = terms;
        this.startingPairs = startingPairs;
        this.oneLetterKeys = oneLetterKeys;
        this.keysWithSpaceSecond = keysWithSpaceSecond;
    }

    static TermTrie build(List<Key> keys) {
        Key[] sorted = keys.toArray(new Key[0]);
        Arrays.sort(sorted, (a, b) -> Arrays.compare(a.code(), b.code()));
        return new Builder(sorted).build();
    }

    /** The child of {@code node} along {@code c}, or {@link #NONE}. */
    int child(int node, int c) {
        return node == ROOT && c < rootChildren.length ? rootChildren[c] : childInRecord(nodes, node, c);
    }

    private static int childInRecord(int[] nodes, int node, int c) {
        if (c == ' ') return spaceChildIn(nodes, node);
        int header = nodes[node];
        int count = header & COUNT_MASK;
        int children = childrenAt(node, header);
        if ((header & DENSE) != 0) {
            int index = c - nodes[children];
            return index >= 0 && index < count ? nodes[children + 1 + index] : NONE;
        }
        if (count <= SCAN_LIMIT) {
            for (int i = 0; i < count; i++) {
                if (nodes[children + i] == c) return nodes[children + count + i];
            }
            return NONE;
        }
        int found = Arrays.binarySearch(nodes, children, children + count, c);
        return found >= 0 ? nodes[found + count] : NONE;
    }

    /**
     * {@link #child}, or {@link #FORK} if the node also has a child along a word boundary (then
     * the text's next letter may instead begin the term's next word).
     */
    int plainChild(int node, int c) {
        return (nodes[node] & HAS_SPACE) != 0 ? FORK : child(node, c);
    }

    /** The child along a word boundary ({@code ' '}), or {@link #NONE}. */
    int spaceChild(int node) {
        return spaceChildIn(nodes, node);
    }

    private static int spaceChildIn(int[] nodes, int node) {
        int header = nodes[node];
        return (header & HAS_SPACE) != 0 ? nodes[node + 1 + (header >>> TERMS_SHIFT & 1)] : NONE;
    }

    private static int childrenAt(int node, int header) {
        return node + 1 + (header >>> TERMS_SHIFT & 1) + (header >>> SPACE_SHIFT & 1);
    }

    /** False if no key starts with {@code first} then {@code second} (or {@link #END}); true if some key may. */
    boolean mayStartWith(int first, int second) {
        if (second == END && !oneLetterKeys || second == ' ' && !keysWithSpaceSecond) return false;
        int bit = pairHash(first, second);
        return (startingPairs[bit >>> 6] & 1L << bit) != 0;
    }

    private static int pairHash(int first, int second) {
        return (first * 0x9E3779B1 ^ second * 0x85EBCA77) >>> (32 - PAIR_BITS);
    }

    boolean hasTerms(int node) {
        return (nodes[node] & HAS_TERMS) != 0;
    }

    /**
     * Where the terms whose key ends at {@code node} begin, for {@link #termAt}: the node must
     * {@link #hasTerms have terms}. A node's terms run from there to the first {@link #isLastTerm}.
     */
    int firstTermSlot(int node) {
        return nodes[node + 1];
    }

    /** The index of the term in {@code slot}. */
    int termAt(int slot) {
        return terms[slot] & ~LAST;
    }

    boolean isLastTerm(int slot) {
        return (terms[slot] & LAST) != 0;
    }

    /**
     * Lays out the records from keys sorted so that every node's keys are a range: the root and
     * its children first, so that the nodes every search starts from share a few hundred
     * kilobytes of cache, then each subtree below them depth first.
     */
    private static final class Builder {
        /** Depths placed breadth first: the root and its children. */
        private static final int BREADTH_FIRST_DEPTH = 2;

        private final Key[] keys;
        private final int[] terms;
        private int termCount;
        private int[] nodes = new int[1024];
        private int size;
        /** Nodes still to place, four ints each: key range, depth, and the parent's slot for the node's offset. */
        private final IntList breadthFirst = new IntList();
        private final IntList depthFirst = new IntList();
        private final IntList children = new IntList();

        Builder(Key[] keys) {
            this.keys = keys;
            this.terms = new int[keys.length];
        }

        TermTrie build() {
            breadthFirst.add4(0, keys.length, 0, -1);
            IntList below = new IntList();
            for (int next = 0; next < breadthFirst.size; next += 4) {
                place(breadthFirst.at(next), breadthFirst.at(next + 1), breadthFirst.at(next + 2), breadthFirst.at(next + 3));
                IntList target = breadthFirst.at(next + 2) + 1 < BREADTH_FIRST_DEPTH ? breadthFirst : below;
                for (int i = 0; i < children.size; i += 4) {
                    target.add4(children.at(i), children.at(i + 1), children.at(i + 2), children.at(i + 3));
                }
            }
            for (int subtree = 0; subtree < below.size; subtree += 4) {
                depthFirst.add4(below.at(subtree), below.at(subtree + 1), below.at(subtree + 2), below.at(subtree + 3));
                while (depthFirst.size > 0) {
                    depthFirst.size -= 4;
                    int top = depthFirst.size;
                    place(depthFirst.at(top), depthFirst.at(top + 1), depthFirst.at(top + 2), depthFirst.at(top + 3));
                    // Pushed last to first, so the first child is placed right after this record.
                    for (int i = children.size - 4; i >= 0; i -= 4) {
                        depthFirst.add4(children.at(i), children.at(i + 1), children.at(i + 2), children.at(i + 3));
                    }
                }
            }
            int[] packed = Arrays.copyOf(nodes, size);
            int[] rootChildren = new int[Character.MAX_VALUE + 1];
            for (int c = 0; c < rootChildren.length; c++) rootChildren[c] = childInRecord(packed, ROOT, c);
            long[] startingPairs = new long[(1 << PAIR_BITS) / 64];
            boolean oneLetterKeys = false;
            boolean keysWithSpaceSecond = false;
            for (Key key : keys) {
                oneLetterKeys |= key.code().length == 1;
                keysWithSpaceSecond |= key.code().length > 1 && key.code()[1] == ' ';
                int bit = pairHash(key.code()[0], key.code().length > 1 ? key.code()[1] : END);
                startingPairs[bit >>> 6] |= 1L << bit;
            }
            return new TermTrie(packed, rootChildren, Arrays.copyOf(terms, termCount), startingPairs, oneLetterKeys,
                    keysWithSpaceSecond);
        }

        /** Writes a node's record; leaves its children, to be placed later, in {@link #children}. */
        private void place(int from, int to, int depth, int parentSlot) {
            int node = size;
            if (parentSlot >= 0) nodes[parentSlot] = node;
            int i = from;
            int firstTerm = termCount;
            while (i < to && keys[i].code().length == depth) terms[termCount++] = keys[i++].term();
            boolean hasTerms = termCount > firstTerm;
            if (hasTerms) terms[termCount - 1] |= LAST;
            // A child's fourth int holds its code point until this record is written, then the
            // slot that will hold its offset.
            children.size = 0;
            while (i < to) {
                int c = keys[i].code()[depth];
                int j = i + 1;
                while (j < to && keys[j].code()[depth] == c) j++;
                children.add4(i, j, depth + 1, c);
                i = j;
            }
            // ' ' sorts before every letter, so a space child is the first.
            boolean hasSpace = children.size > 0 && children.at(3) == ' ';
            int firstLetter = hasSpace ? 1 : 0;
            int letters = children.size / 4 - firstLetter;
            int low = letters == 0 ? 0 : children.at(4 * firstLetter + 3);
            int range = letters == 0 ? 0 : children.at(children.size - 1) - low + 1;
            boolean dense = letters > SCAN_LIMIT / 2 && range <= 3 * letters;
            int spaceSlot = node + 1 + (hasTerms ? 1 : 0);
            int body = spaceSlot + (hasSpace ? 1 : 0);
            int end = dense ? body + 1 + range : body + 2 * letters;
            // Fresh, so zero (NONE) wherever a dense record has no child.
            if (end > nodes.length) nodes = Arrays.copyOf(nodes, Math.max(end, nodes.length * 2));
            nodes[node] = (dense ? range | DENSE : letters) | (hasSpace ? HAS_SPACE : 0) | (hasTerms ? HAS_TERMS : 0);
            if (hasTerms) nodes[node + 1] = firstTerm;
            if (hasSpace) children.set(3, spaceSlot);
            if (dense) nodes[body] = low;
            for (int g = 0; g < letters; g++) {
                int child = 4 * (firstLetter + g);
                int c = children.at(child + 3);
                if (dense) {
                    children.set(child + 3, body + 1 + c - low);
                } else {
                    nodes[body + g] = c;
                    children.set(child + 3, body + letters + g);
                }
            }
            size = end;
        }
    }

    /** A growable list of ints, read and written four at a time by the builder. */
    private static final class IntList {
        private int[] values = new int[64];
        private int size;

        void add4(int a, int b, int c, int d) {
            if (size + 4 > values.length) values = Arrays.copyOf(values, values.length * 2);
            values[size++] = a;
            values[size++] = b;
            values[size++] = c;
            values[size++] = d;
        }

        int at(int index) {
            return values[index];
        }

        void set(int index, int value) {
            values[index] = value;
        }
    }
}
