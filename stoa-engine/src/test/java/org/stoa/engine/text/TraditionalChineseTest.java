package org.stoa.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Transliterator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stored pairs are what ICU's transliterator makes of every Han character (see {@link TraditionalChinese}). */
class TraditionalChineseTest {

    @Test
    void resourceHoldsIcusTraditionalToSimplifiedForEveryHanCharacter() throws Exception {
        StringBuilder han = new StringBuilder();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (UScript.getScript(c) == UScript.HAN && UCharacter.getType(c) != UCharacter.UNASSIGNED) {
                han.appendCodePoint(c).append('\n');
            }
        }
        String[] from = han.toString().split("\n");
        String[] to = Transliterator.getInstance("Traditional-Simplified").transliterate(han.toString()).split("\n");
        Map<Integer, Integer> expected = new HashMap<>();
        StringBuilder resource = new StringBuilder();
        for (int i = 0; i < from.length; i++) {
            if (!from[i].equals(to[i])) {
                expected.put(from[i].codePointAt(0), to[i].codePointAt(0));
                resource.append(from[i]).append(to[i]).append('\n');
            }
        }

        Map<Integer, Integer> stored = TraditionalChinese.load().pairs();
        if (!stored.equals(expected)) {
            Path fresh = Path.of("target", TraditionalChinese.RESOURCE);
            Files.writeString(fresh, resource, StandardCharsets.UTF_8);
            assertThat(stored).as("ICU changed: review and copy the pairs in %s (keep the header)", fresh.toAbsolutePath())
                    .isEqualTo(expected);
        }
        assertThat(stored).containsEntry((int) '賭', (int) '赌').hasSizeGreaterThan(2000);
    }
}
