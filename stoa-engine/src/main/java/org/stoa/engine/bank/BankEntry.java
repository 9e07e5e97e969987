package org.stoa.engine.bank;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.stoa.engine.image.ImageHashes;
import org.stoa.engine.image.PerceptualHashes;

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

    /**
     * What banking an image means: its SHA-256 and MD5, its whole-image PDQ and the PDQ of each
     * content region (so that the bare picture matches a banked screenshot of it), leaving out
     * PDQ hashes too flat to match.
     */
    public static List<BankEntry> allOf(ImageHashes image, String label) {
        List<BankEntry> out = new ArrayList<>();
        out.add(new BankEntry(HashType.SHA256, image.sha256(), label));
        out.add(new BankEntry(HashType.MD5, image.md5(), label));
        if (image.perceptual() instanceof PerceptualHashes.Computed c) {
            if (c.whole().matchable()) out.add(new BankEntry(HashType.PDQ, c.whole().hash().toHex(), label));
            for (PerceptualHashes.RegionHash r : c.regions()) {
                if (r.kind() == PerceptualHashes.RegionHash.Kind.CONTENT && r.pdq().matchable()) {
                    out.add(new BankEntry(HashType.PDQ, r.pdq().hash().toHex(), label));
                }
            }
        }
        return out;
    }

    public String toLine() {
        return label.isEmpty() ? type.label() + " " + hex : type.label() + " " + hex + " " + label;
    }
}
