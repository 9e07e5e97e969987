package org.stoa.engine.image;

import java.util.List;

/** The perceptual side of an image's hashes: computed, or why it could not be. */
public sealed interface PerceptualHashes {

    /**
     * PDQ of the whole upright image with its dihedral variants, and of the content regions found
     * inside frames, borders and screenshot bars (empty when the image has none).
     */
    record Computed(ImageInfo info, PdqResult whole, List<RegionHash> regions) implements PerceptualHashes {
        public Computed {
            regions = List.copyOf(regions);
        }
    }

    /** The bytes are no image the engine decodes (or may decode); only exact hashes apply. */
    record Unavailable(ImageDecodeException.Kind kind, String reason) implements PerceptualHashes {}

    /** The PDQ hash of a region, with the region in the upright image's pixels. */
    record RegionHash(ImageRegion region, PdqResult pdq) {}
}
