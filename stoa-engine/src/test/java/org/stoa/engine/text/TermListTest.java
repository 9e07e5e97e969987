package org.stoa.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TermListTest {

    @Test
    void readsOneTermALineSkippingCommentsBlankLinesAndSurroundingSpace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gambling.txt");
        Files.writeString(file, "\uFEFF# gambling\n  casino \n\n# online\nfree   spins\n赌博\r\ncasino\n", StandardCharsets.UTF_8);

        TermList list = TermList.read(file);

        assertThat(list.name()).isEqualTo("gambling.txt");
        assertThat(list.terms()).containsExactly("casino", "free   spins", "赌博");
        assertThat(list.options()).isEqualTo(TermListOptions.DEFAULTS);
    }

    @Test
    void keepsTheFirstOfDuplicateTerms() {
        assertThat(new TermList("l", List.of("b", "a", "b")).terms()).containsExactly("b", "a");
    }

    @Test
    void defaultsTolerateEveryEvasionButPinyinAndMatchWholeWords() {
        assertThat(TermListOptions.DEFAULTS.evasions()).doesNotContain(Evasion.PINYIN).hasSize(Evasion.values().length - 1);
        assertThat(TermListOptions.DEFAULTS.wholeWords()).isTrue();
        assertThat(TermListOptions.DEFAULTS.allowed()).isEmpty();
    }
}
