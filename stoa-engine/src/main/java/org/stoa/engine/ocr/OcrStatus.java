package org.stoa.engine.ocr;

import java.nio.file.Path;
import java.util.List;

/** Whether OCR can run here, and if not, why and what to install. */
public sealed interface OcrStatus {

    record Available(String tesseractVersion, Path dataPath, List<String> languages) implements OcrStatus {
        public Available {
            languages = List.copyOf(languages);
        }
    }

    record Unavailable(String reason) implements OcrStatus {}
}
