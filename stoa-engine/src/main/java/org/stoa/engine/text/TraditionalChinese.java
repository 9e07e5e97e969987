package org.stoa.engine.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Traditional Chinese characters and the Simplified ones they fold to. The pairs are the output
 * of ICU4J's "Traditional-Simplified" transliterator for every Han character, stored as a
 * resource because running that transliterator over all of Han costs most of a second at
 * start-up; TraditionalChineseTest checks the resource against ICU.
 */
final class TraditionalChinese {

    static final String RESOURCE = "traditional-simplified.txt";

    private final Map<Integer, Integer> simplified;

    private TraditionalChinese(Map<Integer, Integer> simplified) {
        this.simplified = simplified;
    }

    static TraditionalChinese load() {
        Map<Integer, Integer> pairs = new HashMap<>();
        try (InputStream in = TraditionalChinese.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                int traditional = line.codePointAt(0);
                int simplified = line.codePointAt(Character.charCount(traditional));
                if (line.length() != Character.charCount(traditional) + Character.charCount(simplified)) {
                    throw new IllegalStateException("bad line in " + RESOURCE + ": " + line);
                }
                pairs.put(traditional, simplified);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TraditionalChinese(pairs);
    }

    boolean isTraditional(int c) {
        return simplified.containsKey(c);
    }

    int simplified(int c) {
        return simplified.get(c);
    }

    Map<Integer, Integer> pairs() {
        return Map.copyOf(simplified);
    }
}
