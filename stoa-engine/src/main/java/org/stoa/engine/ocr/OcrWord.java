package org.stoa.engine.ocr;

/** A recognised word, its confidence (0..100) and its box in the image's pixels. */
public record OcrWord(String text, float confidence, int x, int y, int width, int height) {}
