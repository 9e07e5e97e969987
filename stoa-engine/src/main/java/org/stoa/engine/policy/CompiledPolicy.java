package org.stoa.engine.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stoa.engine.text.RegexRule;
import org.stoa.engine.text.RegexRules;
import org.stoa.engine.text.TermList;
import org.stoa.engine.text.TermMatcher;

/**
 * A policy with its term lists built into matchers and its regexes into one set (each pattern
 * named by its source): built off the hot path, then swapped in whole.
 */
public record CompiledPolicy(Policy policy, Map<String, TermMatcher> matchers, RegexRules regexes) {

    public CompiledPolicy {
        matchers = Map.copyOf(matchers);
    }

    public static CompiledPolicy compile(Policy policy) {
        Map<String, TermMatcher> matchers = new LinkedHashMap<>();
        for (Map.Entry<String, TermList> e : policy.lists().entrySet()) {
            matchers.put(e.getKey(), TermMatcher.build(e.getValue()));
        }
        List<RegexRule> regexes = policy.rules().stream().flatMap(r -> r.conditions().stream())
                .filter(c -> c instanceof Condition.Regex).map(c -> ((Condition.Regex) c).source()).distinct()
                .map(source -> new RegexRule(source, source)).toList();
        return new CompiledPolicy(policy, matchers, RegexRules.compile(regexes));
    }

    public String version() {
        return policy.version();
    }
}
