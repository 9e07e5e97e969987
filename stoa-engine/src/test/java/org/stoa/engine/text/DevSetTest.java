package org.stoa.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The team's labelled dev set (shared/testdata/text-evasion), scored as score-scan.py scores
 * {@code stoa scan}: recall on the families that are not stretch goals, and lines where a trap
 * or a message reports a term it should not. Fails where the shared folder is absent.
 */
class DevSetTest {

    private static final Pattern LABEL = Pattern.compile(
            "\"line\": (\\d+), \"family\": \"([^\"]+)\", \"kind\": \"(pos|neg)\", \"expected\": \\[([^]]*)], \"stretch\": (true|false)");

    private record Label(int line, String family, boolean positive, Set<String> expected, boolean stretch) {}

    @Test
    void findsEveryCoreFamilyAndNoTrap() throws Exception {
        Path dir = SharedTestData.require("testdata/text-evasion");
        TermMatcher matcher = TermMatcher.build(TermList.read(dir.resolve("terms.txt")));
        List<String> messages = Files.readAllLines(dir.resolve("messages.txt"), StandardCharsets.UTF_8);

        int expected = 0;
        int hit = 0;
        List<String> wrong = new ArrayList<>();
        for (Label label : labels(dir.resolve("labels.jsonl"))) {
            Set<String> found = new HashSet<>();
            matcher.find(messages.get(label.line() - 1)).forEach(m -> found.add(m.term()));
            if (label.positive() && !label.stretch()) {
                expected += label.expected().size();
                hit += (int) label.expected().stream().filter(found::contains).count();
            }
            if (!label.expected().containsAll(found)) wrong.add(label.line() + " " + label.family() + ": " + found);
        }

        assertThat((double) hit / expected).as("core recall").isGreaterThanOrEqualTo(0.97);
        assertThat(wrong).as("lines reporting terms they do not hold").isEmpty();
    }

    private static List<Label> labels(Path file) throws Exception {
        List<Label> labels = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher m = LABEL.matcher(line);
            if (!m.find()) throw new IllegalStateException("unreadable label: " + line);
            Set<String> expected = new HashSet<>();
            Matcher term = Pattern.compile("\"([^\"]+)\"").matcher(m.group(4));
            while (term.find()) expected.add(term.group(1));
            labels.add(new Label(Integer.parseInt(m.group(1)), m.group(2), m.group(3).equals("pos"), expected,
                    Boolean.parseBoolean(m.group(5))));
        }
        return labels;
    }
}
