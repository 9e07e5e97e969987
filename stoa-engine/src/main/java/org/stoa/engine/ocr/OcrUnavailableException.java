package org.stoa.engine.ocr;

/** OCR cannot run here; the message says what is missing and how to install it. */
public final class OcrUnavailableException extends Exception {

    public OcrUnavailableException(String message) {
        super(message);
    }
}
