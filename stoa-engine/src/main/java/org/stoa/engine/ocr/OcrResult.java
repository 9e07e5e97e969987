package org.stoa.engine.ocr;

import java.util.List;

/** The text found in an image (lines separated by newlines) and its words. */
public record OcrResult(String text, List<OcrWord> words) {

    public OcrResult {
        words = List.copyOf(words);
    }
}
