package org.stoa.engine.bank;

import java.util.HexFormat;
import java.util.Locale;

/**
 * One hash in a bank: its type, lower-case hex and a label (a case id, a list name; may be empty).
 * The text form is one line {@code <type> <hex> [label]}, the import and export format.
 */
public record BankEntry(HashType type, String hex, String label) {

    public BankEntry {
        hex = hex.toLowerCase(Locale.ROOT);
        if (hex.length() != type.hexDigits() || !hex.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException("a " + type.label() + " hash is " + type.hexDigits()
                    + " hex digits, got '" + hex + "'");
        }
        label = label == null ? "" : label.strip();
        if (label.indexOf('\n') >= 0 || label.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a label is one line");
        }
    }

    /** Parses {@code <type> <hex> [label]}; the label is the rest of the line. */
    public static BankEntry parse(String line) {
        String[] f = line.strip().split("\\s+", 3);
        if (f.length < 2) throw new IllegalArgumentException("expected '<type> <hex> [label]', got '" + line + "'");
        HashType type = HashType.fromLabel(f[0]).orElseThrow(() -> new IllegalArgumentException(
                "unknown hash type '" + f[0] + "' (sha256, md5 or pdq)"));
        return new BankEntry(type, f[1], f.length == 3 ? f[2] : "");
    }

    public String toLine() {
        return label.isEmpty() ? type.label() + " " + hex : type.label() + " " + hex + " " + label;
    }
}
