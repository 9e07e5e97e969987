package org.stoa.engine.bank;

import java.util.Locale;
import java.util.Optional;

/** The kinds of hash a bank holds, named as in shared hash lists. */
public enum HashType {
    SHA256(64), MD5(32), PDQ(64);

    private final int hexDigits;

    HashType(int hexDigits) {
        this.hexDigits = hexDigits;
    }

    public int hexDigits() {
        return hexDigits;
    }

    /** {@code sha256}, {@code md5} or {@code pdq}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HashType> fromLabel(String label) {
        for (HashType t : values()) {
            if (t.label().equals(label.toLowerCase(Locale.ROOT))) return Optional.of(t);
        }
        return Optional.empty();
    }
}
