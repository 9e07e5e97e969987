package org.stoa.engine.review;

import org.stoa.engine.image.ImageHashes;

/** What is being reviewed, with where it is going. */
public sealed interface Content {

    ReviewContext context();

    /** A text message, before it is stored. */
    record Text(ReviewContext context, String text) implements Content {}

    /**
     * An image (or file) message, before it is stored; its hashes were computed once, at upload. A
     * caption ({@code null} for none) is reviewed with it, in the same review: text rules see the
     * caption, bank rules the hashes, and the decision is one.
     */
    record Image(ReviewContext context, String mediaId, ImageHashes hashes, String caption) implements Content {

        public Image(ReviewContext context, String mediaId, ImageHashes hashes) {
            this(context, mediaId, hashes, null);
        }
    }

    /** Text that OCR found in an image already delivered (reviewed off the send path). */
    record ImageText(ReviewContext context, String mediaId, String sha256, String text) implements Content {}
}
