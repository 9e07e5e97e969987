package org.stoa.engine.image;

import java.awt.image.BufferedImage;

/**
 * A decoded first frame, upright (possibly subsampled), with the header's facts about the stored
 * image; {@code transposed} when EXIF orientation swapped its width and height.
 */
public record DecodedImage(ImageInfo info, BufferedImage image, boolean transposed) {

    /** Width of the full-size image as shown upright. */
    public int uprightWidth() {
        return transposed ? info.height() : info.width();
    }

    public int uprightHeight() {
        return transposed ? info.width() : info.height();
    }
}
