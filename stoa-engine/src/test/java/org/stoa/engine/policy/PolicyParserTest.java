package org.stoa.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.engine.text.Evasion;

class PolicyParserTest {

    static final String MINIMAL = """
            version: "1"
            lists:
              casino: {terms: [online casino]}
            rules:
              - id: gambling
                version: 3
                title: Gambling
                explanation: No gambling ads.
                category: gambling
                conditions: [{text: casino}]
                action: block
                severity: 2
            """;

    @Test
    void aMinimalPolicyGetsSensibleDefaults() throws Exception {
        Policy p = PolicyParser.parse(MINIMAL, null);
        assertThat(p.version()).startsWith("1#").hasSize(10);
        Rule r = p.rules().getFirst();
        assertThat(r.scope()).isEqualTo(RuleScope.ANY);
        assertThat(r.mode()).isEqualTo(Mode.ENFORCE);
        assertThat(r.requireAll()).isFalse();
        assertThat(p.enforcement()).isEqualTo(Enforcement.DEFAULT);
        assertThat(p.lists().get("casino").options().evasions()).isEqualTo(Evasion.DEFAULTS);
        assertThat(p.lists().get("casino").options().wholeWords()).isTrue();
    }

    @Test
    void theVersionChangesWithTheFileEvenIfTheDeclaredOneDoesNot() throws Exception {
        String a = PolicyParser.parse(MINIMAL, null).version();
        String b = PolicyParser.parse(MINIMAL.replace("severity: 2", "severity: 3"), null).version();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void theBundledSamplePolicyParsesAndHoldsNoPoliticalTerms() throws Exception {
        Path sample = Path.of("../stoa-server/src/main/resources/policy/sample-policy.yaml");
        Policy p = PolicyParser.parse(sample);
        assertThat(p.rules()).extracting(Rule::category).contains(Category.SPAM, Category.SCAM, Category.PHISHING,
                Category.MALWARE, Category.GAMBLING);
        assertThat(p.banks()).contains(p.ocrBank());
        String text = Files.readString(sample, StandardCharsets.UTF_8).toLowerCase();
        for (String political : new String[] {"election", "protest", "government", "政府", "选举", "抗议", "民主"}) {
            assertThat(text).doesNotContain(political);
        }
    }

    @Test
    void listsCanComeFromFilesNextToThePolicy(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("terms.txt"), "# comment\nfree spins\n网上赌场\n");
        Files.writeString(dir.resolve("policy.yaml"), MINIMAL.replace("casino: {terms: [online casino]}",
                "casino: {file: terms.txt, pinyin: true, allow: [spins class]}"));
        Policy p = PolicyParser.parse(dir.resolve("policy.yaml"));
        assertThat(p.lists().get("casino").terms()).containsExactly("free spins", "网上赌场");
        assertThat(p.lists().get("casino").options().evasions()).contains(Evasion.PINYIN);
    }

    @Test
    void theLadderIsRead() throws Exception {
        Policy p = PolicyParser.parse(MINIMAL + """
                enforcement:
                  strikesExpireAfter: 30d
                  severeCategories: [malware, scam]
                  ladder:
                    - {atStrikes: 2, sanction: restriction, features: [send_group, create_group], duration: 12h}
                    - {atStrikes: 1, sanction: warning}
                    - {atStrikes: 5, sanction: ban, fallback: 14d}
                """, null);
        Enforcement e = p.enforcement();
        assertThat(e.strikesExpireAfter()).isEqualTo(Duration.ofDays(30));
        assertThat(e.severeCategories()).containsExactlyInAnyOrder(Category.MALWARE, Category.SCAM);
        assertThat(e.ladder()).extracting(LadderStep::atStrikes).containsExactly(1, 2, 5);
        assertThat(e.stepCrossed(0, 1)).containsInstanceOf(LadderStep.Warning.class);
        assertThat(e.stepCrossed(0, 3)).containsInstanceOf(LadderStep.Restriction.class);
        assertThat(e.stepCrossed(2, 4)).isEmpty();
        assertThat(e.stepCrossed(4, 9)).containsInstanceOf(LadderStep.Ban.class);
    }

    @Test
    void appealsAndTheBurstWindowAreReadWithDefaultsThatProtectPeople() throws Exception {
        Policy defaults = PolicyParser.parse(MINIMAL, null);
        assertThat(defaults.appeals().window()).isEqualTo(Duration.ofDays(183));
        assertThat(defaults.appeals().decideWithin()).isEqualTo(Duration.ofDays(7));
        assertThat(defaults.appeals().reverseWhenOverdue()).isEmpty();
        assertThat(defaults.enforcement().burstWindow()).isEqualTo(Duration.ofMinutes(10));

        Policy p = PolicyParser.parse(MINIMAL + """
                enforcement:
                  burstWindow: 2m
                appeals:
                  window: 365d
                  decideWithin: 3d
                  onOverdue: {reverse: [spam, gambling]}
                """, null);
        assertThat(p.enforcement().burstWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.appeals().window()).isEqualTo(Duration.ofDays(365));
        assertThat(p.appeals().decideWithin()).isEqualTo(Duration.ofDays(3));
        assertThat(p.appeals().reverseWhenOverdue()).containsExactlyInAnyOrder(Category.SPAM, Category.GAMBLING);
        assertThat(PolicyParser.parse(MINIMAL + "appeals:\n  onOverdue: escalate\n", null).appeals().reverseWhenOverdue()).isEmpty();

        assertError(MINIMAL + "appeals:\n  window: 30d\n", 14, "at least 183d");
        assertError(MINIMAL + "appeals:\n  onOverdue: reverse\n", 14, "name the categories", "{reverse: [spam]}");
        assertError(MINIMAL + "appeals:\n  onOverdue: {reverse: [politics]}\n", 14, "'politics' is not a category");
        assertError(MINIMAL + "appeals:\n  onOverdue: shrug\n", 14, "escalate, or {reverse: [categories]}");
    }

    @Test
    void movesAreOpenToEveryoneUnlessThePolicyNamesCategoriesWhoseSanctionsKeepAnAccountFromMoving() throws Exception {
        assertThat(PolicyParser.parse(MINIMAL, null).moves()).isEqualTo(Moves.DEFAULT);
        assertThat(Moves.DEFAULT.denies(Category.SCAM)).isFalse();

        Moves moves = PolicyParser.parse(MINIMAL + "moves:\n  denyWhenSanctionedFor: [malware, scam]\n", null).moves();
        assertThat(moves.denyWhenSanctionedFor()).containsExactlyInAnyOrder(Category.MALWARE, Category.SCAM);
        assertThat(moves.denies(Category.SCAM)).isTrue();
        assertThat(moves.denies(Category.SPAM)).isFalse();
        assertThat(moves.denies(null)).isFalse(); // a sanction resting on no rule names no category

        assertError(MINIMAL + "moves:\n  denyWhenSanctionedFor: [fraud]\n", 14, "'fraud' is not a category", "scam");
        assertError(MINIMAL + "moves:\n  denyWhenSanctionedFor: scam\n", 14, "must be a list");
        assertError(MINIMAL + "moves:\n  deny: [scam]\n", 14, "unknown key 'deny'", "denyWhenSanctionedFor");
    }

    @Test
    void mistakesNameTheirLineAndWhatToWrite() {
        assertError(MINIMAL.replace("action: block", "action: explode"), 11, "'explode' is not", "block, hold, flag");
        assertError(MINIMAL.replace("category: gambling", "category: politics"), 9, "politics", "gambling");
        assertError(MINIMAL.replace("{text: casino}", "{text: poker}"), 10, "no list named 'poker'");
        assertError(MINIMAL.replace("{text: casino}", "{regex: '(unclosed'}"), 10, "not a valid regular expression");
        assertError(MINIMAL.replace("{text: casino}", "{image: unknown}"), 10, "no bank named 'unknown'");
        assertError(MINIMAL.replace("severity: 2", "severity: lots"), 12, "a whole number");
        assertError(MINIMAL.replace("severity: 2", "severity: 2\n    colour: red"), 13, "unknown key 'colour'");
        assertError(MINIMAL.replace("    version: 3\n", ""), 5, "needs 'version'");
        assertError(MINIMAL + MINIMAL.substring(MINIMAL.indexOf("  - id")), 13, "two rules have the id 'gambling'");
        assertError("rules: [\n", 2, "not valid YAML");
        assertError("", 1, "empty");
        assertError(MINIMAL.replace("id: gambling", "id: 'Bad Id!'"), 5, "rule ids");
    }

    private static void assertError(String policy, int line, String... fragments) {
        assertThatThrownBy(() -> PolicyParser.parse(policy, null))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
                    for (String f : fragments) assertThat(e.getMessage()).contains(f);
                });
    }
}
