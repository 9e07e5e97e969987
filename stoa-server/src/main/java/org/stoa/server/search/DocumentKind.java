package org.stoa.server.search;

/**
 * What a document of the message index is, stored as its {@link #code} in {@code search_terms.kind},
 * with the scope a reader must be allowed into: a message's conversation, a channel post's channel.
 */
public enum DocumentKind {
    MESSAGE(1),
    CHANNEL_POST(2);

    private final int code;

    DocumentKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
