package org.stoa.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.engine.bank.BankEntry;
import org.stoa.engine.bank.HashBanks;
import org.stoa.engine.image.ImageHasher;
import org.stoa.engine.image.ImageHashes;
import org.stoa.engine.review.Content;
import org.stoa.engine.review.Decision;
import org.stoa.engine.review.Evidence;
import org.stoa.engine.review.ReviewContext;
import org.stoa.engine.review.RuleHit;

class PolicyReviewTest {

    static final String POLICY = """
            version: "r"
            lists:
              casino: {terms: [online casino, 赌场]}
              pills: {terms: [cheap pills]}
              promo: {terms: [limited offer]}
            banks: [scam]
            rules:
              - {id: gambling, version: 1, title: Gambling, explanation: x, category: gambling,
                 conditions: [{text: casino}, {ocr: casino}], action: block, severity: 1}
              - {id: pills-in-groups, version: 1, title: Pills, explanation: x, category: illegal_goods, scope: group,
                 conditions: [{text: pills}], action: hold, severity: 1}
              - {id: pills-with-link, version: 1, title: Pills link, explanation: x, category: spam, match: all,
                 conditions: [{text: pills}, {regex: 'https?://\\S+'}], action: block, severity: 2}
              - {id: promo, version: 1, title: Promo, explanation: x, category: spam,
                 conditions: [{text: promo}], action: block, severity: 1, mode: shadow}
              - {id: flag-bitly, version: 1, title: Short link, explanation: x, category: spam,
                 conditions: [{regex: 'bit\\.ly/\\w+'}], action: flag, severity: 0}
              - {id: scam-images, version: 1, title: Scam image, explanation: x, category: scam,
                 conditions: [{image: scam}], action: block, severity: 1}
            """;

    static final ReviewContext GROUP = new ReviewContext(1, 2, ReviewContext.Scope.GROUP);
    static final ReviewContext DIRECT = new ReviewContext(1, 3, ReviewContext.Scope.DIRECT);

    @TempDir
    Path dir;
    HashBanks banks;
    PolicyReview review;

    @BeforeEach
    void setUp() throws Exception {
        banks = HashBanks.open(dir, HashBanks.DEFAULT_RADIUS);
        review = new PolicyReview(CompiledPolicy.compile(PolicyParser.parse(POLICY, null)), banks);
    }

    @AfterEach
    void tearDown() throws IOException {
        banks.close();
    }

    private Decision text(ReviewContext where, String text) {
        return review.review(new Content.Text(where, text));
    }

    @Test
    void aBlockQuotesExactlyWhatMatchedInTheOriginalText() {
        Decision d = text(GROUP, "try the best ｏｎｌｉｎｅ  c4s1n0 today");
        assertThat(d).isInstanceOf(Decision.Refuse.class);
        assertThat(d.policyVersion()).startsWith("r#");
        RuleHit hit = d.primary().orElseThrow();
        assertThat(hit.rule().id()).isEqualTo("gambling");
        Evidence.TermMatch m = (Evidence.TermMatch) hit.evidence().getFirst();
        assertThat(m.term()).isEqualTo("online casino");
        assertThat(m.quote()).isEqualTo("ｏｎｌｉｎｅ  c4s1n0");
        assertThat(hit.describe()).contains("online casino").contains("casino");
    }

    @Test
    void scopesDecideWhereARuleApplies() {
        assertThat(text(GROUP, "cheap pills here")).isInstanceOf(Decision.Hold.class);
        assertThat(text(DIRECT, "cheap pills here")).isInstanceOf(Decision.Deliver.class);
    }

    @Test
    void allNeedsEveryConditionAndTheStrongestActionWins() {
        Decision d = text(GROUP, "cheap pills at https://example.test/buy");
        assertThat(d).isInstanceOf(Decision.Refuse.class);
        assertThat(d.primary().orElseThrow().rule().id()).isEqualTo("pills-with-link");
        assertThat(d.hits()).extracting(h -> h.rule().id()).containsExactlyInAnyOrder("pills-in-groups", "pills-with-link");
        assertThat(d.primary().orElseThrow().evidence()).hasSize(2);
    }

    @Test
    void regexesRunOnFoldedTextAndQuoteTheOriginal() {
        Decision d = text(DIRECT, "see ＢＩＴ.ＬＹ/abc now");
        assertThat(d).isInstanceOf(Decision.Deliver.class);
        RuleHit flag = d.hits().getFirst();
        assertThat(flag.rule().action()).isEqualTo(Action.FLAG);
        assertThat(((Evidence.PatternMatch) flag.evidence().getFirst()).quote()).isEqualTo("ＢＩＴ.ＬＹ/abc");
    }

    @Test
    void shadowRulesAreRecordedButDecideNothing() {
        Decision d = text(GROUP, "limited offer on cakes");
        assertThat(d).isInstanceOf(Decision.Deliver.class);
        assertThat(d.hits()).singleElement().satisfies(h -> assertThat(h.enforced()).isFalse());
        assertThat(d.primary()).isEmpty();
    }

    @Test
    void ordinaryTextIsDelivered() {
        assertThat(text(GROUP, "this camera takes good pictures").hits()).isEmpty();
    }

    @Test
    void imagesMatchTheirBankAndOcrTextItsList() throws Exception {
        ImageHashes hashes = new ImageHasher().hash(TestPictures.photo());
        Content.Image image = new Content.Image(GROUP, "m1", hashes);
        assertThat(review.review(image)).isInstanceOf(Decision.Deliver.class);
        banks.addAll("scam", BankEntry.allOf(hashes, "known"));
        Decision d = review.review(image);
        assertThat(d).isInstanceOf(Decision.Refuse.class);
        assertThat(d.primary().orElseThrow().describe()).contains("matched image bank scam").contains("sha256");

        Decision ocr = review.review(new Content.ImageText(GROUP, "m1", hashes.sha256(), "BIG ONLINE CASINO BONUS"));
        assertThat(ocr.primary().orElseThrow().evidence().getFirst()).isInstanceOf(Evidence.ImageTextMatch.class);
    }

    @Test
    void aCaptionIsReviewedWithItsImageInOneDecision() throws Exception {
        ImageHashes hashes = new ImageHasher().hash(TestPictures.photo());
        assertThat(review.review(new Content.Image(GROUP, "m1", hashes, "our holiday"))).isInstanceOf(Decision.Deliver.class);

        Decision caption = review.review(new Content.Image(GROUP, "m1", hashes, "best online casino"));
        assertThat(caption).isInstanceOf(Decision.Refuse.class);
        assertThat(caption.primary().orElseThrow().rule().id()).isEqualTo("gambling");

        banks.addAll("scam", BankEntry.allOf(hashes, "known"));
        Decision both = review.review(new Content.Image(GROUP, "m1", hashes, "best online casino"));
        assertThat(both.hits()).extracting(h -> h.rule().id()).contains("gambling", "scam-images");
    }

    @Test
    void aNewPolicyIsSwappedInWhole() throws Exception {
        review.install(CompiledPolicy.compile(PolicyParser.parse(POLICY.replace("online casino, ", ""), null)));
        assertThat(text(GROUP, "online casino")).isInstanceOf(Decision.Deliver.class);
        assertThat(text(GROUP, "赌场")).isInstanceOf(Decision.Refuse.class);
        assertThat(List.of(review.current().version())).allMatch(v -> v.startsWith("r#"));
    }
}
