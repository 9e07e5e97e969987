package org.stoa.server.enforcement;

/**
 * The content an automated review looked at: whose, where, and the excerpt a decision quotes
 * (a text as sent; for an image, its media id). {@code messageId} is null for a refused send.
 */
public record ReviewedContent(long accountId, Long conversationId, Long messageId, String mediaSha256, String excerpt,
                              String clientId) {

    public ReviewedContent withMessage(long id) {
        return new ReviewedContent(accountId, conversationId, id, mediaSha256, excerpt, clientId);
    }
}
