package org.stoa.engine.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stoa.engine.text.TermList;
import org.stoa.engine.text.TermMatcher;

/** A policy with its term lists built into matchers: built off the hot path, then swapped in whole. */
public record CompiledPolicy(Policy policy, Map<String, TermMatcher> matchers) {

    public CompiledPolicy {
        matchers = Map.copyOf(matchers);
    }

    public static CompiledPolicy compile(Policy policy) {
        Map<String, TermMatcher> matchers = new LinkedHashMap<>();
        for (Map.Entry<String, TermList> e : policy.lists().entrySet()) {
            matchers.put(e.getKey(), TermMatcher.build(e.getValue()));
        }
        return new CompiledPolicy(policy, matchers);
    }

    public String version() {
        return policy.version();
    }
}
