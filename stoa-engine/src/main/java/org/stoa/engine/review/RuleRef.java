package org.stoa.engine.review;

import org.stoa.engine.policy.Action;
import org.stoa.engine.policy.Category;
import org.stoa.engine.policy.Mode;

/** What a decision cites of a rule: enough to explain it to the user without the policy file. */
public record RuleRef(String id, int version, String title, String explanation, Category category,
                      Action action, int severity, Mode mode) {}
