package org.stoa.engine.policy;

/** What an enforced rule does. Declared strongest first: the strongest hit decides. */
public enum Action {
    BLOCK, HOLD, FLAG
}
