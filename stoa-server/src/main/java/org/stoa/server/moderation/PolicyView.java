package org.stoa.server.moderation;

import java.util.List;
import java.util.Map;
import org.stoa.engine.ocr.OcrStatus;
import org.stoa.engine.policy.Policy;
import org.stoa.engine.policy.Rule;

/** The policy in force as moderators read it: its version, its rules, and how often shadow rules matched. */
record PolicyView(String version, List<RuleView> rules, List<String> banks, String ocr) {

    record RuleView(String id, int version, String title, String explanation, String category, String scope,
                    String action, int severity, String mode, long shadowHits, List<String> conditions) {}

    static PolicyView of(Policy p, Map<String, Long> shadowHits, OcrStatus ocr) {
        List<RuleView> rules = p.rules().stream().map(r -> view(r, shadowHits.getOrDefault(r.id(), 0L))).toList();
        String ocrState = switch (ocr) {
            case OcrStatus.Available a -> "available (" + String.join(", ", a.languages()) + ")";
            case OcrStatus.Unavailable u -> "unavailable: " + u.reason();
        };
        return new PolicyView(p.version(), rules, p.banks(), ocrState);
    }

    private static RuleView view(Rule r, long shadowHits) {
        return new RuleView(r.id(), r.version(), r.title(), r.explanation(), name(r.category()), name(r.scope()),
                name(r.action()), r.severity(), name(r.mode()), shadowHits,
                r.conditions().stream().map(Object::toString).toList());
    }

    private static String name(Enum<?> e) {
        return org.stoa.engine.policy.WireName.of(e);
    }
}
