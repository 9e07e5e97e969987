package org.stoa.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
        JsonLines json = new JsonLines(out);
        LineReader lines = new LineReader(in);
        Runnable malformed = () -> {
            stats.invalid++;
            err.printf("scan: line %d: invalid UTF-8, scanned with replacement characters%n", stats.lines);
        };
        for (ByteBuffer line = lines.next(); line != null; line = lines.next()) {
            stats.lines++;
            stats.bytes += line.remaining() + 1;
            List<TermMatch> matches = matcher.findInUtf8(line.array(), line.position(), line.limit(), malformed);
            if (!matches.isEmpty()) {
                stats.matched++;
                json.write(stats.lines, matches);
            }
        }
        json.flush();
        return stats;
    }

    /**
     * Writes {@code {"line":N,"matches":[{"term":T,"start":S,"end":E},...]}} lines by hand into its
     * own buffer: a JSON library's start-up and per-line reflection cost more than the matching of
     * a short run. Each term is escaped once.
     */
    static final class JsonLines {
        private static final byte[] HEX = ascii("0123456789ABCDEF");
        private static final byte[] LINE = ascii("{\"line\":");
        private static final byte[] MATCHES = ascii(",\"matches\":[");
        private static final byte[] FIRST_TERM = ascii("{\"term\":");
        private static final byte[] NEXT_TERM = ascii(",{\"term\":");
        private static final byte[] START = ascii(",\"start\":");
        private static final byte[] END = ascii(",\"end\":");
        private static final byte[] LINE_END = ascii("]}\n");

        private final OutputStream out;
        private final byte[] buffer = new byte[1 << 16];
        private int size;
        private final Map<String, byte[]> quoted = new IdentityHashMap<>();

        JsonLines(OutputStream out) {
            this.out = out;
        }

        void write(long line, List<TermMatch> matches) throws IOException {
            put(LINE);
            number(line);
            put(MATCHES);
            for (int i = 0; i < matches.size(); i++) {
                TermMatch match = matches.get(i);
                put(i == 0 ? FIRST_TERM : NEXT_TERM);
                put(quoted.computeIfAbsent(match.term(), JsonLines::quote));
                put(START);
                number(match.start());
                put(END);
                number(match.end());
                room(1);
                buffer[size++] = '}';
            }
            put(LINE_END);
        }

        void flush() throws IOException {
            out.write(buffer, 0, size);
            size = 0;
            out.flush();
        }

        private void put(byte[] bytes) throws IOException {
            if (bytes.length > buffer.length) {
                flush();
                out.write(bytes);
                return;
            }
            room(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
        }

        private void number(long n) throws IOException {
            room(20);
            int from = size;
            do {
                buffer[size++] = (byte) ('0' + n % 10);
                n /= 10;
            } while (n > 0);
            for (int i = from, j = size - 1; i < j; i++, j--) {
                byte digit = buffer[i];
                buffer[i] = buffer[j];
                buffer[j] = digit;
            }
        }

        private void room(int bytes) throws IOException {
            if (size + bytes > buffer.length) {
                out.write(buffer, 0, size);
                size = 0;
            }
        }

        private static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }

        /** A JSON string in UTF-8: quotes, backslashes and control characters escaped, the rest as it is. */
        static byte[] quote(String s) {
            StringBuilder json = new StringBuilder(s.length() + 2).append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    case '\b' -> json.append("\\b");
                    case '\t' -> json.append("\\t");
                    case '\n' -> json.append("\\n");
                    case '\f' -> json.append("\\f");
                    case '\r' -> json.append("\\r");
                    default -> {
                        if (c < 0x20) {
                            json.append("\\u00").append((char) HEX[c >> 4]).append((char) HEX[c & 15]);
                        } else {
                            json.append(c);
                        }
                    }
                }
            }
            return json.append('"').toString().getBytes(StandardCharsets.UTF_8);
        }
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
