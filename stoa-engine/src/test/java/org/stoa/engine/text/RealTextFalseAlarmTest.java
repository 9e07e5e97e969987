package org.stoa.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real prose, Debian's English and Chinese fortunes (packages fortunes and fortunes-zh), scanned
 * with a list like an operator's: a match that is not the term as written is a false alarm, and
 * at most one line in a thousand may have one. Skipped where the fortunes are not installed.
 */
class RealTextFalseAlarmTest {

    private static final Path FORTUNES = Path.of("/usr/share/games/fortunes");
    private static final TermMatcher MATCHER = TermMatcher.build(new TermList("operator", List.of(
            "casino", "free money", "wire transfer", "gift card", "escort service", "betting tips", "pyramid scheme",
            "scam", "cialis", "viagra", "meth", "cocaine", "heroin", "ponzi", "stolen account", "bank login",
            "crypto giveaway", "fake passport", "counterfeit", "loan shark", "nude pics", "hack tool", "weed",
            "hitman", "money mule", "poker", "lottery prize", "bank password", "cheap pills", "dark web", "fake id",
            "spam link", "card dump", "rigged game", "sex", "drugs", "gun", "kill", "hell", "damn", "crack",
            "赌博", "博彩", "洗钱", "办证", "冰毒", "六合彩", "网赌", "刷单", "代开发票", "色情", "迷药", "裸聊",
            "套现", "假证", "黑客", "高利贷", "私彩", "赌球", "枪支", "彩票代购", "赌场", "贷款", "诈骗", "黑卡",
            "毒品", "假币", "开房")));

    @ParameterizedTest
    @ValueSource(strings = {"cookie,people,computers,literature,fortunes,science,politics,wisdom,work,love,food,humorists,law",
        "chinese,tang300,song100"})
    void flagsAlmostNoLineOfRealProse(String files) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String name : files.split(",")) {
            Path file = FORTUNES.resolve(name);
            assertThat(file).as("fortune file (apt-get install fortunes fortunes-zh; .ci/run installs them)").isRegularFile();
            for (String line : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n")) {
                String text = line.replaceAll("\u001b\\[[0-9;]*m", "").strip();
                if (!text.isEmpty() && !text.equals("%")) lines.add(text);
            }
        }

        List<String> falseAlarms = new ArrayList<>();
        for (String line : lines) {
            for (TermMatch match : MATCHER.find(line)) {
                if (!match.quote(line).toLowerCase(Locale.ROOT).equals(match.term())) {
                    falseAlarms.add(match.term() + " <- " + match.quote(line) + " in: " + line);
                    break;
                }
            }
        }

        assertThat(lines).hasSizeGreaterThan(5000);
        assertThat(falseAlarms.size()).as("false alarms %s", falseAlarms).isEqualTo(0);
    }
}
