package org.stoa.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * Runs a per-file step over every core and prints one JSON line per file, in the order given.
 * A file that cannot be read gets {@code {"path","error"}} and the rest continue.
 */
final class FileLines {

    private FileLines() {}

    /** One file's line; {@code ok} is false when the line reports an error. */
    record Outcome(JsonLine line, boolean ok) {
        static Outcome error(Path file, String message) {
            return new Outcome(new JsonLine().put("path", file.toString()).put("error", message), false);
        }
    }

    /** Returns the process exit code: 0 when every file was handled, 1 otherwise. */
    static int run(List<Path> files, PrintWriter out, BiFunction<Path, byte[], Outcome> step) {
        List<Outcome> outcomes = IntStream.range(0, files.size()).parallel()
                .mapToObj(i -> outcome(files.get(i), step))
                .toList();
        boolean allOk = true;
        for (Outcome o : outcomes) {
            out.println(o.line());
            allOk &= o.ok();
        }
        out.flush();
        return allOk ? 0 : 1;
    }

    private static Outcome outcome(Path file, BiFunction<Path, byte[], Outcome> step) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return Outcome.error(file, "cannot read the file: " + e.getMessage());
        }
        return step.apply(file, bytes);
    }
}
