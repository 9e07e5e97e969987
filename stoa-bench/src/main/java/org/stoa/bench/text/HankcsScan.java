package org.stoa.bench.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stoa.engine.text.TermList;

/**
 * {@code stoa scan}'s job done by the hankcs baseline, for the whole-process comparison in
 * docs/performance.md: the same term file, messages on standard input, the same JSON lines out
 * (offsets in code points), a summary on standard error. No normalization but lower case.
 *
 * <pre>java -cp stoa-bench/target/stoa-bench.jar org.stoa.bench.text.HankcsScan TERMS &lt; MESSAGES</pre>
 */
public final class HankcsScan {

    private HankcsScan() {}

    public static void main(String[] args) throws IOException {
        long started = System.nanoTime();
        List<String> terms = TermList.parseLines(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        AhoCorasickDoubleArrayTrie<String> trie = Baselines.hankcs(terms);
        long built = System.nanoTime();
        ObjectMapper json = new ObjectMapper();
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        long lines = 0;
        long matched = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines++;
            List<Map<String, Object>> matches = new ArrayList<>();
            // Offsets in the lower-cased text: the same as in the line but for the rare letters lower-casing lengthens.
            String lower = line.toLowerCase(Locale.ROOT);
            trie.parseText(lower, (AhoCorasickDoubleArrayTrie.IHit<String>) (begin, end, term) -> {
                int start = lower.codePointCount(0, begin);
                matches.add(Map.of("term", term, "start", start, "end", start + lower.codePointCount(begin, end)));
            });
            if (!matches.isEmpty()) {
                matched++;
                out.write(json.writeValueAsBytes(Map.of("line", lines, "matches", matches)));
                out.write('\n');
            }
        }
        out.flush();
        System.err.printf("hankcs scan: %d lines, %d matched in %.2f s; %d terms built in %.2f s%n", lines, matched,
                (System.nanoTime() - built) / 1e9, terms.size(), (built - started) / 1e9);
    }
}
