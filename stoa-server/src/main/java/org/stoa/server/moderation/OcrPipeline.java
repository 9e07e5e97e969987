package org.stoa.server.moderation;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.engine.ocr.OcrResult;
import org.stoa.engine.ocr.OcrService;
import org.stoa.engine.ocr.OcrStatus;
import org.stoa.engine.review.Content;
import org.stoa.engine.review.ContentReview;
import org.stoa.engine.review.Decision;
import org.stoa.server.conversations.MessageService.DeliveredImage;
import org.stoa.server.media.MediaFiles;

/**
 * Reads the text in every delivered image, off the send path, and reviews it like a message. When
 * it breaks an enforced rule the image is withdrawn from every recipient and its hashes go into the
 * policy's OCR bank, so the next send of that image is refused at once by hash.
 */
public final class OcrPipeline implements Consumer<DeliveredImage>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OcrPipeline.class);

    private final OcrService ocr;
    private final MediaFiles files;
    private final ContentReview review;
    private final MessageActions moderation;
    private final ExecutorService followUp = Executors.newVirtualThreadPerTaskExecutor();

    public OcrPipeline(OcrService ocr, MediaFiles files, ContentReview review, MessageActions moderation) {
        this.ocr = ocr;
        this.files = files;
        this.review = review;
        this.moderation = moderation;
    }

    public OcrStatus status() {
        return ocr.status();
    }

    @Override
    public void accept(DeliveredImage image) {
        if (ocr.status() instanceof OcrStatus.Unavailable) return;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(files.path(image.sha256()));
        } catch (IOException e) {
            log.warn("cannot read image {} for OCR: {}", image.sha256(), e.toString());
            return;
        }
        ocr.recognize(image.sha256(), bytes).whenCompleteAsync((result, error) -> {
            if (error != null) {
                if (error instanceof RejectedExecutionException || error.getCause() instanceof RejectedExecutionException) {
                    log.warn("OCR queue full: image of message {} not read", image.message().id());
                } else {
                    log.warn("OCR of message {} failed: {}", image.message().id(), error.toString());
                }
                return;
            }
            check(image, result);
        }, followUp);
    }

    private void check(DeliveredImage image, OcrResult result) {
        if (result.text().isBlank()) return;
        Decision d = review.review(new Content.ImageText(image.context(), image.message().mediaId(), image.sha256(), result.text()));
        try {
            switch (d) {
                case Decision.Refuse r -> moderation.withdraw(image.message().id(), image.sha256(), d);
                case Decision.Hold h -> moderation.withdraw(image.message().id(), image.sha256(), d);
                case Decision.Deliver ok -> moderation.recordShadow(image.message(), image.sha256(), d);
            }
        } catch (RuntimeException e) {
            log.error("acting on the OCR result of message {} failed", image.message().id(), e);
        }
    }

    @Override
    public void close() {
        followUp.close();
    }
}
