package org.stoa.engine.image;

import java.util.HexFormat;

/**
 * A 256-bit PDQ hash. {@code w0} holds bits 0..63 (bit {@code k} of the hash is bit {@code k & 63}
 * of word {@code k >> 6}), so the hex form, most significant digit first, starts with {@code w3}.
 */
public record PdqHash(long w0, long w1, long w2, long w3) {

    /** Parses 64 hex digits, most significant first (the form shared hash lists use). */
    public static PdqHash fromHex(String hex) {
        if (hex.length() != 64) {
            throw new IllegalArgumentException("a PDQ hash has 64 hex digits, got " + hex.length());
        }
        return new PdqHash(
                HexFormat.fromHexDigitsToLong(hex, 48, 64),
                HexFormat.fromHexDigitsToLong(hex, 32, 48),
                HexFormat.fromHexDigitsToLong(hex, 16, 32),
                HexFormat.fromHexDigitsToLong(hex, 0, 16));
    }

    public static PdqHash fromWords(long[] words, int offset) {
        return new PdqHash(words[offset], words[offset + 1], words[offset + 2], words[offset + 3]);
    }

    public String toHex() {
        HexFormat f = HexFormat.of();
        return f.toHexDigits(w3) + f.toHexDigits(w2) + f.toHexDigits(w1) + f.toHexDigits(w0);
    }

    public long word(int i) {
        return switch (i) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            case 3 -> w3;
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    /** The {@code i}-th 16-bit slice (bits {@code 16 i .. 16 i + 15}), the key of the bank's multi-index. */
    public int slice16(int i) {
        return (int) (word(i >> 2) >>> ((i & 3) << 4)) & 0xFFFF;
    }

    /** Hamming distance: the number of differing bits, 0..256. */
    public int distance(PdqHash other) {
        return Long.bitCount(w0 ^ other.w0) + Long.bitCount(w1 ^ other.w1)
                + Long.bitCount(w2 ^ other.w2) + Long.bitCount(w3 ^ other.w3);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
