package org.stoa.engine.ocr;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How OCR runs: where the language data is ({@code dataPath}; else {@code TESSDATA_PREFIX}, then
 * the usual system folders), which languages (Tesseract names), how many worker threads (each
 * holds one engine), how many images may wait, and how many results are cached by SHA-256.
 */
public record OcrSettings(Optional<Path> dataPath, List<String> languages, int workers, int queueCapacity,
        int cachedResults) {

    public OcrSettings {
        languages = List.copyOf(languages);
        if (languages.isEmpty() || workers < 1 || queueCapacity < 1 || cachedResults < 0) {
            throw new IllegalArgumentException("OCR needs a language, a worker and a queue");
        }
    }

    /** English and Simplified Chinese, one worker per core but one, 256 waiting, 10,000 cached. */
    public static OcrSettings defaults() {
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        return new OcrSettings(Optional.empty(), List.of("eng", "chi_sim"), workers, 256, 10_000);
    }

    public OcrSettings withWorkers(int n) {
        return new OcrSettings(dataPath, languages, n, queueCapacity, cachedResults);
    }
}
