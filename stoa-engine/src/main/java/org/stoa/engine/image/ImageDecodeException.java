package org.stoa.engine.image;

/** An image that cannot or may not be decoded; the message is fit to show to whoever sent it. */
public final class ImageDecodeException extends Exception {

    public enum Kind { UNSUPPORTED_FORMAT, TOO_LARGE, CORRUPT }

    private final Kind kind;

    public ImageDecodeException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ImageDecodeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
