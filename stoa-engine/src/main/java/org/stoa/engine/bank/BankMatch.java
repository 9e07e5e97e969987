package org.stoa.engine.bank;

/**
 * Why an image matched: the bank and the entry's label, the signal ({@code sha256}, {@code md5} or
 * {@code pdq}), the Hamming distance (0 for exact hashes), which of the image's hashes matched
 * ({@code bytes} for exact hashes; {@code original}, {@code rotate-90}, ... for the whole image's
 * dihedral PDQ hashes; {@code content-region} for the picture found inside a frame or
 * screenshot; {@code uncrop} for the image grown past its edges), and the bank entry's hash.
 */
public record BankMatch(String bank, String label, HashType signal, int distance, String variant, String entryHex) {

    /** Exact matches first, then the smaller distance. */
    boolean betterThan(BankMatch other) {
        return distance < other.distance || distance == other.distance
                && signal != HashType.PDQ && other.signal == HashType.PDQ;
    }
}
