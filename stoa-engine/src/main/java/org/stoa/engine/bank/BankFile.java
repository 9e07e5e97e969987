package org.stoa.engine.bank;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** The text form of a bank: one {@code <type> <hex> [label]} per line; {@code #} starts a comment line. */
public final class BankFile {

    private BankFile() {}

    /** Reads every entry; a malformed line fails the whole read, naming the line. */
    public static List<BankEntry> read(BufferedReader in) throws IOException {
        List<BankEntry> out = new ArrayList<>();
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            try {
                out.add(BankEntry.parse(s));
            } catch (IllegalArgumentException e) {
                throw new IOException("line " + n + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    public static void write(Writer out, Iterable<BankEntry> entries) throws IOException {
        for (BankEntry e : entries) {
            out.write(e.toLine());
            out.write('\n');
        }
    }
}
