package org.stoa.engine.image;

/**
 * Everything the bank matches an image by: SHA-256 and MD5 of the bytes (lower-case hex; MD5
 * because shared hash lists use it) and the perceptual hashes. Computed once at upload.
 */
public record ImageHashes(String sha256, String md5, PerceptualHashes perceptual) {}
