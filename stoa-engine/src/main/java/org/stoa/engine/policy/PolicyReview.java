package org.stoa.engine.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.stoa.engine.bank.HashBank;
import org.stoa.engine.bank.HashBanks;
import org.stoa.engine.review.Content;
import org.stoa.engine.review.ContentReview;
import org.stoa.engine.review.Decision;
import org.stoa.engine.review.Evidence;
import org.stoa.engine.review.RuleHit;
import org.stoa.engine.text.RegexMatch;
import org.stoa.engine.text.TermMatch;

/**
 * Reviews content against the current policy: every rule whose scope covers the conversation,
 * each term list run at most once per message. The policy is swapped atomically; a review in
 * progress finishes on the policy it started with, and its decision names that version.
 */
public final class PolicyReview implements ContentReview {

    private final AtomicReference<CompiledPolicy> current;
    private final HashBanks banks;

    public PolicyReview(CompiledPolicy initial, HashBanks banks) {
        this.current = new AtomicReference<>(initial);
        this.banks = banks;
    }

    public CompiledPolicy current() {
        return current.get();
    }

    public void install(CompiledPolicy policy) {
        current.set(policy);
    }

    @Override
    public Decision review(Content content) {
        CompiledPolicy p = current.get();
        Map<String, Optional<TermMatch>> listHits = new HashMap<>();
        String text = textOf(content);
        List<RegexMatch> regexHits = text != null ? p.regexes().find(text) : List.of();
        List<RuleHit> hits = new ArrayList<>();
        for (Rule rule : p.policy().rules()) {
            if (!rule.scope().covers(content.context().scope())) continue;
            List<Evidence> evidence = new ArrayList<>();
            boolean all = true;
            for (Condition c : rule.conditions()) {
                Optional<Evidence> e = test(c, content, p, listHits, regexHits);
                e.ifPresent(evidence::add);
                all &= e.isPresent();
            }
            if (rule.requireAll() ? all : !evidence.isEmpty()) hits.add(new RuleHit(rule.ref(), evidence));
        }
        return Decision.of(p.version(), hits);
    }

    private Optional<Evidence> test(Condition c, Content content, CompiledPolicy p, Map<String, Optional<TermMatch>> listHits,
                                    List<RegexMatch> regexHits) {
        return switch (c) {
            case Condition.TextList t when textOf(content) != null ->
                    firstMatch(p, t.list(), textOf(content), listHits)
                            .map(m -> new Evidence.TermMatch(t.list(), m.term(), m.start(), m.end(), m.quote(textOf(content))));
            case Condition.Regex r when textOf(content) != null -> regexHits.stream()
                    .filter(m -> m.ruleId().equals(r.source())).findFirst()
                    .map(m -> new Evidence.PatternMatch(r.source(), m.start(), m.end(), m.quote(textOf(content))));
            case Condition.ImageBank b when content instanceof Content.Image image ->
                    banks.bank(b.bank()).flatMap(bank -> lookup(bank, image))
                            .map(m -> new Evidence.BankMatch(m.bank(), m.label(), m.signal().label(), m.distance(),
                                    m.variant() == null ? "" : m.variant()));
            case Condition.ImageText t when content instanceof Content.ImageText text ->
                    firstMatch(p, t.list(), text.text(), listHits)
                            .map(m -> new Evidence.ImageTextMatch(t.list(), m.term(), m.quote(text.text())));
            default -> Optional.empty();
        };
    }

    /** The text that text rules read: a message's, or an image's caption (null when there is none). */
    private static String textOf(Content content) {
        return switch (content) {
            case Content.Text t -> t.text();
            case Content.Image i -> i.caption();
            default -> null;
        };
    }

    private static Optional<org.stoa.engine.bank.BankMatch> lookup(HashBank bank, Content.Image image) {
        return bank.lookup(image.hashes(), HashBanks.DEFAULT_RADIUS);
    }

    /** One review has one text (a message's, or an image's OCR text), so a list's result serves every rule. */
    private static Optional<TermMatch> firstMatch(CompiledPolicy p, String list, String text,
                                                  Map<String, Optional<TermMatch>> cache) {
        return cache.computeIfAbsent(list, k -> p.matchers().get(list).find(text).stream().findFirst());
    }
}
