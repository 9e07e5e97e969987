package org.stoa.server.export;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An Ed25519 public key as the web knows it (RFC 8037): the 32-byte key, base64url without
 * padding ({@code x}), and its RFC 7638 thumbprint as the key id. Verifies signatures.
 */
public record Ed25519PublicKey(String x) {

    /** The DER prefix that makes 32 raw key bytes an X.509 SubjectPublicKeyInfo for Ed25519. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    /** The key in {@code x}, if it is 32 bytes of strict base64url. */
    public static Optional<Ed25519PublicKey> parse(String x) {
        if (x == null || !x.matches("[A-Za-z0-9_-]{43}")) return Optional.empty();
        byte[] raw = Base64.getUrlDecoder().decode(x);
        return B64URL.encodeToString(raw).equals(x) ? Optional.of(new Ed25519PublicKey(x)) : Optional.empty();
    }

    static Ed25519PublicKey of(java.security.PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded.length != 44 || !Arrays.equals(encoded, 0, 12, X509_PREFIX, 0, 12)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return new Ed25519PublicKey(B64URL.encodeToString(Arrays.copyOfRange(encoded, 12, 44)));
    }

    /** RFC 7638: SHA-256 over the key's required members in lexical order, base64url. */
    public String keyId() {
        String canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}";
        try {
            return B64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key as a JSON Web Key, as {@code /.well-known/stoa/keys} lists it. */
    public Map<String, String> jwk() {
        Map<String, String> jwk = new LinkedHashMap<>();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("x", x);
        jwk.put("kid", keyId());
        jwk.put("use", "sig");
        jwk.put("alg", "EdDSA");
        return jwk;
    }

    public boolean verifies(byte[] message, byte[] signature) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(x);
            byte[] der = Arrays.copyOf(X509_PREFIX, 44);
            System.arraycopy(raw, 0, der, 12, 32);
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
            v.update(message);
            return v.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
