package org.stoa.engine.image;

import java.util.List;

/** The perceptual side of an image's hashes: computed, or why it could not be. */
public sealed interface PerceptualHashes {

    /**
     * PDQ of the whole upright image with its dihedral variants, and of regions: the content
     * found inside frames, borders and screenshot bars (none when the image has none), and the
     * image with its edges extended, as it may have been before a slight crop.
     */
    record Computed(ImageInfo info, PdqResult whole, List<RegionHash> regions) implements PerceptualHashes {
        public Computed {
            regions = List.copyOf(regions);
        }
    }

    /** The bytes are no image the engine decodes (or may decode); only exact hashes apply. */
    record Unavailable(ImageDecodeException.Kind kind, String reason) implements PerceptualHashes {}

    /** The PDQ hash of a region, with the region in the upright image's pixels. */
    record RegionHash(Kind kind, ImageRegion region, PdqResult pdq) {

        public enum Kind {
            /** The picture inside a frame or screenshot: worth banking too. */
            CONTENT,
            /** The image grown past its edges (edge pixels repeated), to match the uncropped original. */
            UNCROP;

            public String label() {
                return this == CONTENT ? "content-region" : "uncrop";
            }
        }
    }
}
