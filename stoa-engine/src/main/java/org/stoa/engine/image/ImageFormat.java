package org.stoa.engine.image;

import java.util.Locale;
import java.util.Optional;

/** Image formats the engine decodes. */
public enum ImageFormat {
    JPEG("image/jpeg"),
    PNG("image/png"),
    GIF("image/gif"),
    WEBP("image/webp"),
    BMP("image/bmp");

    private final String mimeType;

    ImageFormat(String mimeType) {
        this.mimeType = mimeType;
    }

    public String mimeType() {
        return mimeType;
    }

    /** The format for a Content-Type value such as {@code image/png; charset=x}; empty if unsupported. */
    public static Optional<ImageFormat> fromMimeType(String contentType) {
        if (contentType == null) return Optional.empty();
        String bare = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (bare.equals("image/jpg") || bare.equals("image/pjpeg")) return Optional.of(JPEG);
        for (ImageFormat f : values()) {
            if (f.mimeType.equals(bare)) return Optional.of(f);
        }
        return Optional.empty();
    }

    /** The format for an ImageIO reader's format name; empty if it is none of ours. */
    static Optional<ImageFormat> fromReaderFormatName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "jpeg", "jpg", "jpeg-lossless" -> Optional.of(JPEG);
            case "png" -> Optional.of(PNG);
            case "gif" -> Optional.of(GIF);
            case "webp" -> Optional.of(WEBP);
            case "bmp" -> Optional.of(BMP);
            default -> Optional.empty();
        };
    }
}
