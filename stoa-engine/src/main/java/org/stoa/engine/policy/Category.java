package org.stoa.engine.policy;

/** What a rule is about; categories named severe in the policy may end in a permanent ban. */
public enum Category {
    SPAM, SCAM, PHISHING, MALWARE, GAMBLING, ILLEGAL_GOODS, HARASSMENT, ADULT, OTHER
}
