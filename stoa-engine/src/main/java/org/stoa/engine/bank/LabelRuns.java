package org.stoa.engine.bank;

import java.util.Arrays;

/**
 * The labels of PDQ ids, kept once per run of consecutive ids that share a label: imported lists
 * label thousands of hashes alike, and a string per hash would cost more than the hash.
 * One writer (the bank's lock holder); readers take no lock.
 */
final class LabelRuns {

    private record Runs(int[] starts, String[] labels, int count) {}

    private volatile Runs runs = new Runs(new int[8], new String[8], 0);

    /** Records the label of {@code id}, the next id handed out. */
    void append(int id, String label) {
        Runs r = runs;
        if (r.count > 0 && r.labels[r.count - 1].equals(label)) return;
        int[] starts = r.starts;
        String[] labels = r.labels;
        if (r.count == starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
            labels = Arrays.copyOf(labels, labels.length * 2);
        }
        starts[r.count] = id;
        labels[r.count] = label;
        runs = new Runs(starts, labels, r.count + 1);
    }

    String labelOf(int id) {
        Runs r = runs;
        int i = Arrays.binarySearch(r.starts, 0, r.count, id);
        return r.labels[i >= 0 ? i : -i - 2];
    }
}
