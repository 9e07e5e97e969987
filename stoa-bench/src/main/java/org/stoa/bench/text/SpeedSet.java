package org.stoa.bench.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stoa.engine.text.TermList;

/**
 * The throughput set made by {@code python3 ../shared/tools/gen-speed-set.py DIR 100000 50}:
 * {@code terms.txt} and {@code messages.txt} (one message a line, about 50 MB).
 */
final class SpeedSet {

    /** Where the benchmarks look unless given {@code -p dir=...}. */
    static final String DEFAULT_DIR = "/tmp/stoa-speed-set";

    private SpeedSet() {}

    static List<String> terms(String dir) {
        return TermList.parseLines(read(Path.of(dir, "terms.txt")));
    }

    static List<String> messages(String dir) {
        return read(Path.of(dir, "messages.txt")).lines().toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (make the speed set with: python3"
                    + " ../shared/tools/gen-speed-set.py " + file.getParent() + " 100000 50)", e);
        }
    }
}
