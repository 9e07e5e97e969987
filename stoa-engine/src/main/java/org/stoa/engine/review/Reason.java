package org.stoa.engine.review;

/**
 * Why a message was refused or held: the rule (with its version) and the exact evidence,
 * e.g. the matched span of text or "matched image bank scam-banners by perceptual hash".
 */
public record Reason(String ruleId, int ruleVersion, String title, String explanation, String evidence) {}
