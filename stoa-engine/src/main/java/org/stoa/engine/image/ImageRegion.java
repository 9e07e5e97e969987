package org.stoa.engine.image;

/** A rectangle of an image, in pixels; it may reach past the image's edges (see {@link Pdq#hash(LumaImage, ImageRegion)}). */
public record ImageRegion(int x, int y, int width, int height) {

    public static ImageRegion whole(LumaImage image) {
        return new ImageRegion(0, 0, image.width(), image.height());
    }

    /** This region in an image {@code fx} times wider and {@code fy} times taller. */
    public ImageRegion scale(double fx, double fy) {
        return new ImageRegion((int) Math.round(x * fx), (int) Math.round(y * fy),
                (int) Math.round(width * fx), (int) Math.round(height * fy));
    }
}
