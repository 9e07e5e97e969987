package org.stoa.engine.ocr;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stoa.engine.image.LumaImage;

/**
 * One Tesseract instance. Tesseract instances are not thread-safe and take a few hundred
 * milliseconds and tens of megabytes to load their models, so each OCR worker thread owns one
 * for its lifetime.
 */
final class TesseractEngine implements AutoCloseable {

    /** Screenshots and banners are screen resolution; Tesseract's default guess (70) is too low. */
    private static final int SOURCE_PPI = 150;

    private final TessApi api;
    private final Pointer handle;

    TesseractEngine(TessApi api, Path dataPath, String languages) {
        this.api = api;
        this.handle = api.TessBaseAPICreate();
        if (api.TessBaseAPIInit2(handle, dataPath.toString(), languages, TessApi.OEM_LSTM_ONLY) != 0) {
            api.TessBaseAPIDelete(handle);
            throw new IllegalStateException("Tesseract could not load " + languages + " from " + dataPath);
        }
        api.TessBaseAPISetPageSegMode(handle, TessApi.PSM_AUTO);
        // Chinese text has no spaces between words; keep what the image has rather than inventing them.
        api.TessBaseAPISetVariable(handle, "preserve_interword_spaces", "1");
    }

    OcrResult recognize(LumaImage image) {
        int w = image.width();
        int h = image.height();
        Memory grey = new Memory((long) w * h);
        float[] px = image.pixels();
        byte[] row = new byte[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) row[x] = (byte) Math.clamp(Math.round(px[y * w + x]), 0, 255);
            grey.write((long) y * w, row, 0, w);
        }
        try {
            api.TessBaseAPISetImage(handle, grey, w, h, 1, w);
            api.TessBaseAPISetSourceResolution(handle, SOURCE_PPI);
            if (api.TessBaseAPIRecognize(handle, null) != 0) {
                throw new IllegalStateException("Tesseract failed to recognise the image");
            }
            String text = takeText(api.TessBaseAPIGetUTF8Text(handle)).replaceAll("\\n\\s*\\n", "\n").strip();
            return new OcrResult(text, words());
        } finally {
            api.TessBaseAPIClear(handle);
            grey.close();
        }
    }

    private List<OcrWord> words() {
        List<OcrWord> words = new ArrayList<>();
        Pointer it = api.TessBaseAPIGetIterator(handle);
        if (it == null) return words;
        try {
            Pointer page = api.TessResultIteratorGetPageIterator(it);
            IntByReference l = new IntByReference();
            IntByReference t = new IntByReference();
            IntByReference r = new IntByReference();
            IntByReference b = new IntByReference();
            do {
                String text = takeText(api.TessResultIteratorGetUTF8Text(it, TessApi.RIL_WORD));
                if (text.isBlank() || api.TessPageIteratorBoundingBox(page, TessApi.RIL_WORD, l, t, r, b) == 0) continue;
                words.add(new OcrWord(text, api.TessResultIteratorConfidence(it, TessApi.RIL_WORD),
                        l.getValue(), t.getValue(), r.getValue() - l.getValue(), b.getValue() - t.getValue()));
            } while (api.TessResultIteratorNext(it, TessApi.RIL_WORD) != 0);
        } finally {
            api.TessResultIteratorDelete(it);
        }
        return words;
    }

    /** Copies a string Tesseract allocated and frees it. */
    private String takeText(Pointer text) {
        if (text == null) return "";
        try {
            return text.getString(0, "UTF-8");
        } finally {
            api.TessDeleteText(text);
        }
    }

    String version() {
        return api.TessVersion();
    }

    @Override
    public void close() {
        api.TessBaseAPIEnd(handle);
        api.TessBaseAPIDelete(handle);
    }
}
