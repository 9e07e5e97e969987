package org.stoa.server.enforcement;

/**
 * What a decision is about: whose content or account, where, and the excerpt it quotes (a text as
 * sent; for an image, "image" and its media id). {@code messageId} is null for a refused send and
 * for a decision about an account; {@code clientId} is a refused send's, so a retry finds it.
 */
public record DecisionSubject(long accountId, Long conversationId, Long messageId, String mediaSha256, String excerpt,
                              String clientId, Long channelId, Long channelPostId) {

    /** Content outside channels: a message, a profile, an account. */
    public DecisionSubject(long accountId, Long conversationId, Long messageId, String mediaSha256, String excerpt, String clientId) {
        this(accountId, conversationId, messageId, mediaSha256, excerpt, clientId, null, null);
    }

    /**
     * A post to channel {@code channelId} (an image's SHA-256 if it carries one): {@code postId} once it is stored,
     * null for a refused one, which its {@code clientId} finds again.
     */
    public static DecisionSubject channelPost(long authorId, long channelId, Long postId, String mediaSha256, String excerpt,
                                              String clientId) {
        return new DecisionSubject(authorId, null, null, mediaSha256, excerpt, clientId, channelId, postId);
    }

    /** A decision about an account itself (a sanction, a lift). */
    public static DecisionSubject account(long accountId) {
        return new DecisionSubject(accountId, null, null, null, null, null);
    }

    /** A decision about a stored message, quoting {@code excerpt}. */
    public static DecisionSubject message(long senderId, long conversationId, long messageId, String excerpt) {
        return new DecisionSubject(senderId, conversationId, messageId, null, excerpt, null);
    }

    public DecisionSubject withMessage(long id) {
        return new DecisionSubject(accountId, conversationId, id, mediaSha256, excerpt, clientId, channelId, channelPostId);
    }

    public DecisionSubject withChannelPost(long id) {
        return new DecisionSubject(accountId, conversationId, messageId, mediaSha256, excerpt, clientId, channelId, id);
    }

    public DecisionSubject withImage(String sha256) {
        return new DecisionSubject(accountId, conversationId, messageId, sha256, excerpt, clientId, channelId, channelPostId);
    }
}
