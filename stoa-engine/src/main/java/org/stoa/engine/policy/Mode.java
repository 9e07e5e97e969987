package org.stoa.engine.policy;

/** Enforced rules act; shadow rules only record what they would have done. */
public enum Mode {
    ENFORCE, SHADOW
}
