package org.stoa.engine.policy;

/** What a restriction can take away from an account, feature by feature. */
public enum Feature {
    SEND_GROUP, SEND_DIRECT, CREATE_GROUP, ADD_CONTACTS, POST_CHANNEL
}
