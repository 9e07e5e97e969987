package org.stoa.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.stoa.engine.text.Evasion;
import org.stoa.engine.text.TermList;
import org.stoa.engine.text.TermListOptions;
import org.stoa.engine.text.TermMatch;
import org.stoa.engine.text.TermMatcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Scan messages (standard input, UTF-8, one a line) for the terms of a list.",
            "Prints {\"line\": N, \"matches\": [{\"term\": T, \"start\": S, \"end\": E}]} for each line with a match"
                + " (offsets in code points, end exclusive), then a summary on standard error."})
final class ScanCommand implements Callable<Integer> {

    @Option(names = "--terms", required = true, paramLabel = "FILE",
            description = "The term list: one term a line, '#' starts a comment line.")
    Path terms;

    @Option(names = "--allow", paramLabel = "FILE",
            description = "Exceptions: a match inside one of these phrases is not reported.")
    Path allow;

    @Option(names = "--pinyin", description = "Also match Chinese terms written in toneless pinyin.")
    boolean pinyin;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    ScanCommand() {
        this(System.in, System.out, System.err);
    }

    ScanCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** One output line. */
    record LineMatches(long line, List<TermMatch> matches) {}

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        TermMatcher matcher;
        try {
            matcher = TermMatcher.build(readList());
        } catch (IOException | IllegalArgumentException e) {
            err.println("scan: cannot use the term list: " + e);
            return 2;
        }
        long built = System.nanoTime();
        Stats stats = scan(matcher);
        long finished = System.nanoTime();
        double seconds = (finished - built) / 1e9;
        err.printf("scan: %d lines, %d bytes in %.2f s (%.1f MB/s), %d lines matched, %d invalid UTF-8;"
                        + " %d terms built in %.2f s%n",
                stats.lines, stats.bytes, seconds, stats.bytes / 1e6 / seconds, stats.matched, stats.invalid,
                matcher.list().terms().size(), (built - started) / 1e9);
        return 0;
    }

    private TermList readList() throws IOException {
        TermList list = TermList.read(terms);
        TermListOptions options = list.options();
        if (allow != null) options = options.withAllowed(TermList.read(allow).terms());
        if (pinyin) options = options.withEvasions(EnumSet.allOf(Evasion.class));
        return list.withOptions(options);
    }

    private static final class Stats {
        long lines;
        long bytes;
        long matched;
        long invalid;
    }

    private Stats scan(TermMatcher matcher) throws IOException {
        Stats stats = new Stats();
        ObjectMapper json = new ObjectMapper();
        OutputStream sink = new BufferedOutputStream(out, 1 << 16);
        LineReader lines = new LineReader(in);
        for (ByteBuffer line = lines.next(); line != null; line = lines.next()) {
            stats.lines++;
            stats.bytes += line.remaining() + 1;
            String text = decode(line, stats);
            List<TermMatch> matches = matcher.find(text);
            if (!matches.isEmpty()) {
                stats.matched++;
                sink.write(json.writeValueAsBytes(new LineMatches(stats.lines, matches)));
                sink.write('\n');
            }
        }
        sink.flush();
        return stats;
    }

    /** Decodes a line; invalid UTF-8 is reported and replaced with U+FFFD, and the line still scanned. */
    private String decode(ByteBuffer line, Stats stats) {
        String text = new String(line.array(), line.position(), line.remaining(), StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            try {
                StandardCharsets.UTF_8.newDecoder().decode(line.duplicate());
            } catch (CharacterCodingException e) {
                stats.invalid++;
                err.printf("scan: line %d: invalid UTF-8, scanned with replacement characters%n", stats.lines);
            }
        }
        return text;
    }

    /** Splits a byte stream on '\n' (dropping a '\r' before it) without decoding it first. */
    private static final class LineReader {
        private final InputStream in;
        private byte[] buffer = new byte[1 << 16];
        private int start;
        private int limit;
        private boolean eof;

        LineReader(InputStream in) {
            this.in = in;
        }

        /** The next line without its terminator, or null at the end; valid until the next call. */
        ByteBuffer next() throws IOException {
            int scanned = start;
            while (true) {
                for (int i = scanned; i < limit; i++) {
                    if (buffer[i] == '\n') {
                        ByteBuffer line = slice(start, i);
                        start = i + 1;
                        return line;
                    }
                }
                if (eof) {
                    if (start == limit) return null;
                    ByteBuffer line = slice(start, limit);
                    start = limit;
                    return line;
                }
                scanned = limit - start;
                fill();
            }
        }

        private ByteBuffer slice(int from, int to) {
            if (to > from && buffer[to - 1] == '\r') to--;
            return ByteBuffer.wrap(buffer, from, to - from);
        }

        /** Moves the partial line to the front (growing the buffer for long lines) and reads more. */
        private void fill() throws IOException {
            int partial = limit - start;
            if (partial == buffer.length) buffer = Arrays.copyOf(buffer, buffer.length * 2);
            System.arraycopy(buffer, start, buffer, 0, partial);
            start = 0;
            limit = partial;
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) eof = true;
            else limit += read;
        }
    }
}
