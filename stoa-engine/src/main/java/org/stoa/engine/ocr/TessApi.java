package org.stoa.engine.ocr;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** The part of Tesseract's C API ({@code tesseract/capi.h}) that OCR uses; stable since 4.0. */
interface TessApi extends Library {

    int OEM_LSTM_ONLY = 1;
    int PSM_AUTO = 3;
    int RIL_WORD = 3;

    String TessVersion();

    Pointer TessBaseAPICreate();

    int TessBaseAPIInit2(Pointer api, String dataPath, String language, int oem);

    void TessBaseAPISetPageSegMode(Pointer api, int mode);

    int TessBaseAPISetVariable(Pointer api, String name, String value);

    void TessBaseAPISetImage(Pointer api, Pointer data, int width, int height, int bytesPerPixel, int bytesPerLine);

    void TessBaseAPISetSourceResolution(Pointer api, int ppi);

    int TessBaseAPIRecognize(Pointer api, Pointer monitor);

    Pointer TessBaseAPIGetUTF8Text(Pointer api);

    Pointer TessBaseAPIGetIterator(Pointer api);

    Pointer TessResultIteratorGetPageIterator(Pointer iterator);

    Pointer TessResultIteratorGetUTF8Text(Pointer iterator, int level);

    float TessResultIteratorConfidence(Pointer iterator, int level);

    int TessPageIteratorBoundingBox(Pointer iterator, int level, IntByReference left, IntByReference top,
            IntByReference right, IntByReference bottom);

    int TessResultIteratorNext(Pointer iterator, int level);

    void TessResultIteratorDelete(Pointer iterator);

    void TessDeleteText(Pointer text);

    void TessBaseAPIClear(Pointer api);

    void TessBaseAPIEnd(Pointer api);

    void TessBaseAPIDelete(Pointer api);
}
